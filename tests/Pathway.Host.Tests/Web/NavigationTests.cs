using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web;

/// <summary>Sign-in with the development sign-in, and a navigation that shows each role only the pages it may use.</summary>
[Collection(WebAppCollection.Name)]
public sealed class NavigationTests(WebAppRig rig, ITestOutputHelper output)
{
    [Theory]
    [InlineData("Camille Martin", "Escalades", new[] { "Escalades", "Dossiers", "Signalement", "Observatoire" })]
    [InlineData("Nadia Benali", "Escalades", new[] { "Escalades", "Dossiers" })]
    [InlineData("Sofia Haddad", "Nouveau signalement", new[] { "Signalement" })]
    [InlineData("Léa Fontaine", "Observatoire", new[] { "Observatoire" })]
    [InlineData("Julien Moreau", "Observatoire", new[] { "Observatoire" })]
    [InlineData("Agent Cellule de recueil", "Dossiers", new[] { "Dossiers" })]
    public async Task Each_role_lands_on_its_first_page_and_sees_only_the_pages_it_may_use(string user, string landing, string[] pages)
    {
        var page = await rig.SignedInAsync(user);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(landing);
        var links = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link);
        Assert.Equal(pages, await links.AllInnerTextsAsync());
        await Axe.AssertAccessibleAsync(page, output);
    }

    [Fact]
    public async Task The_sign_in_page_lists_the_seeded_users()
    {
        var page = await rig.NewPageAsync();
        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de développement" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Camille Martin" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, output);
    }

    [Fact]
    public async Task A_page_the_role_cannot_use_is_not_shown()
    {
        var page = await rig.SignedInAsync("Léa Fontaine");

        await page.GotoAsync("/console");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page introuvable");
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, output);
    }

    [Fact]
    public async Task A_deep_link_opens_after_sign_in()
    {
        var page = await rig.SignedInAsync("Camille Martin", "/signalement");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nouveau signalement");
    }

    [Fact]
    public async Task Signing_out_returns_to_the_sign_in_page_and_forgets_the_token()
    {
        var page = await rig.SignedInAsync("Camille Martin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de développement" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('pathway.token')"));
    }
}
