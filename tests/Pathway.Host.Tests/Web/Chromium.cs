using Microsoft.Playwright;

namespace Pathway.Host.Tests.Web;

/// <summary>
/// Debian's Chromium (or the one PATHWAY_CHROMIUM names), driven by Playwright headless. No browser is ever
/// downloaded: without Chromium the browser tests fail and say what to install.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("PATHWAY_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"No Chromium at {path}: install it (apt-get install chromium) or set PATHWAY_CHROMIUM to a Chromium executable.");
            return path;
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = ExecutablePath;
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
        return (playwright, browser);
    }
}
