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

    /// <summary>
    /// How long a browser test waits for what it expects (an element, a text) before it fails. A wait ends as soon as
    /// the page shows what is expected: this only bounds a stuck test, so it is generous — Playwright's 5 s default
    /// failed tests on a loaded two-core machine while the page was still checking a draft.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = ExecutablePath;
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
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
