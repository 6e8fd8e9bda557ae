using Microsoft.Playwright;

namespace Pathway.Host.Tests.Web;

/// <summary>The browser tests run one after the other on one host and one Chromium (both slow to start).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppRig>
{
    public const string Name = "Web app in Chromium";
}

/// <summary>
/// A <see cref="WebAppHost"/> and a headless Chromium. Each test gets a fresh browser context (its own
/// sessionStorage, so its own sign-in) on a laptop-sized window, in French, on the Paris clock.
/// </summary>
public sealed class WebAppRig : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal WebAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchAsync();
        Host = new WebAppHost();
    }

    /// <param name="enforceCsp">False lets a test inject axe-core as a script tag, which the app's
    /// Content-Security-Policy rightly forbids; the policy itself is tested with it enforced.</param>
    internal async Task<IPage> NewPageAsync(bool enforceCsp = false)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            BypassCSP = !enforceCsp,
        });
        context.SetDefaultTimeout((float)Chromium.Patience.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as a seeded user of the development sign-in.</summary>
    internal async Task<IPage> SignedInAsync(string userName, string path = "/")
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = userName }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
