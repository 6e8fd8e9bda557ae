using Microsoft.Playwright;

namespace Pathway.Host.Tests.Web.Designer.Editor;

[CollectionDefinition(Name)]
public sealed class DesignerCollection : ICollectionFixture<DesignerRig>
{
    public const string Name = "Designer in Chromium";
}

/// <summary>
/// A host of its own for the designer's tests: they publish new versions of the pathway, which the other browser
/// tests, opening files on the newest published version, must not see.
/// </summary>
public sealed class DesignerRig : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal WebAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        (_playwright, _browser) = await Chromium.LaunchAsync();
        Host = new WebAppHost();
    }

    /// <summary>Signs in as a seeded user of the development sign-in, in a fresh laptop-sized context.</summary>
    internal async Task<IPage> SignedInAsync(string userName, string path = "/")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            BypassCSP = true, // axe-core is injected as a script tag
        });
        context.SetDefaultTimeout((float)Chromium.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
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
