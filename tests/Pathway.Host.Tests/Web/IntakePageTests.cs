using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web;

/// <summary>The intake form: a signalement opens a file; the same minor again is flagged, never merged.</summary>
[Collection(WebAppCollection.Name)]
public sealed class IntakePageTests(WebAppRig rig, ITestOutputHelper output)
{
    [Fact]
    public async Task A_signalement_opens_a_file_and_the_same_minor_again_is_flagged_as_a_duplicate()
    {
        var page = await rig.SignedInAsync("Sofia Haddad");
        await Axe.AssertAccessibleAsync(page, output);

        await FillAsync(page, "Inès", "Durand-Web", "2011-05-04");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et ouvrir le dossier" }).ClickAsync();
        var opened = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "ouvert" });
        await Expect(opened).ToContainTextAsync("Dossier ");
        await Expect(opened).Not.ToContainTextAsync("Doublon possible");
        var first = await FileIdAsync(opened);

        await FillAsync(page, "Inès", "Durand-Web", "2011-05-04");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et ouvrir le dossier" }).ClickAsync();
        await Expect(opened).ToContainTextAsync("Doublon possible");
        await Expect(opened).ToContainTextAsync($"Dossier {first} — correspondance exacte");
        Assert.NotEqual(first, await FileIdAsync(opened));
        await Axe.AssertAccessibleAsync(page, output);
    }

    [Fact]
    public async Task Missing_fields_are_named_next_to_them_the_first_one_gets_focus_and_nothing_is_sent()
    {
        var page = await rig.SignedInAsync("Sofia Haddad");

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et ouvrir le dossier" }).ClickAsync();

        var givenName = page.GetByRole(AriaRole.Group, new() { Name = "Mineur concerné" }).GetByLabel("Prénom");
        await Expect(givenName).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(givenName).ToHaveAccessibleDescriptionAsync("Indiquez le prénom du mineur.");
        await Expect(page.GetByLabel("Niveau de danger")).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Faits rapportés")).ToHaveAccessibleDescriptionAsync("Décrivez les faits rapportés.");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "ouvert" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, output);
    }

    private static async Task FillAsync(IPage page, string givenName, string familyName, string birthDate)
    {
        var minor = page.GetByRole(AriaRole.Group, new() { Name = "Mineur concerné" });
        await page.GetByLabel("Signalement", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Niveau de danger").SelectOptionAsync("eleve");
        await minor.GetByLabel("Prénom").FillAsync(givenName);
        await minor.GetByLabel(new Regex("^Nom")).FillAsync(familyName);
        await minor.GetByLabel("Date de naissance").FillAsync(birthDate);
        var reporter = page.GetByRole(AriaRole.Group, new() { Name = "Déclarant" });
        await reporter.GetByLabel(new Regex("^Nom")).FillAsync("Mme Legrand");
        await reporter.GetByLabel("Organisme").FillAsync("Collège Jean Jaurès");
        await page.GetByLabel("Faits rapportés").FillAsync("Absences répétées, signes d'exploitation rapportés par une camarade.");
    }

    private static async Task<string> FileIdAsync(ILocator opened)
    {
        var text = await opened.Locator("strong").First.InnerTextAsync();
        return Regex.Match(text, @"Dossier (\S+) ouvert").Groups[1].Value;
    }
}
