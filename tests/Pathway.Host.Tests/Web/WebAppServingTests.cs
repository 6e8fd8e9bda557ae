using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web;

/// <summary>How the host serves the web app: to anyone, with the right cache headers and its Content-Security-Policy.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class WebAppServingTests(WebAppRig rig)
{
    private HttpClient Anonymous => new() { BaseAddress = rig.Host.BaseAddress };

    [Theory]
    [InlineData("/")]
    [InlineData("/console")]
    [InlineData("/dossiers/2026-ABC123")]
    public async Task Every_page_address_serves_the_app_to_anyone_and_is_checked_again_each_time(string path)
    {
        using var response = await Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_built_assets_are_kept_for_a_year_since_their_names_change_with_their_content()
    {
        var index = await Anonymous.GetStringAsync("/");
        var script = ScriptPath().Match(index).Groups[1].Value;

        using var response = await Anonymous.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/api/session")]
    [InlineData("/api/files")]
    public async Task The_API_is_never_answered_with_the_app(string path)
    {
        using var response = await Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_API_address_is_a_404_not_the_app()
    {
        using var response = await Anonymous.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_app_runs_under_its_Content_Security_Policy()
    {
        var page = await rig.NewPageAsync(enforceCsp: true);
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy")) refusals.Add(message.Text);
        };

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Camille Martin" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Observatoire" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dossiers ouverts par mois" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Escalades" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Mis à jour" })).ToBeVisibleAsync();

        Assert.Empty(refusals);
    }

    [GeneratedRegex("src=\"(/assets/[^\"]+\\.js)\"")]
    private static partial Regex ScriptPath();
}
