using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web;

/// <summary>The Observatoire's page: each indicator as a chart with its data table, and the downloads.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ObservatoryPageTests(WebAppRig rig, ITestOutputHelper output)
{
    private static readonly string[] Indicators =
    [
        "Dossiers ouverts par mois", "Délai du signalement à la première mesure", "Échéances dépassées par étape",
        "Échéances dépassées par partenaire", "Fugues par mois", "Temps passé par étape",
    ];

    [Fact]
    public async Task The_Observatoire_shows_every_indicator_and_the_downloads()
    {
        var page = await rig.SignedInAsync("Léa Fontaine");

        foreach (var indicator in Indicators)
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = indicator, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Télécharger ces indicateurs (CSV)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Télécharger l’export pseudonymisé" })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, output);
    }

    [Fact]
    public async Task The_CSV_link_downloads_the_figures_with_the_token()
    {
        var page = await rig.SignedInAsync("Léa Fontaine");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Télécharger ces indicateurs (CSV)" }).ClickAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename);
        Assert.Contains(";", await File.ReadAllTextAsync((await download.PathAsync())!));
    }

    [Fact]
    public async Task Suppressed_figures_are_shown_as_fewer_than_five_or_not_published()
    {
        var page = await rig.NewPageAsync();
        // The figures as the API words suppression (docs/api.md): counts of 1 to 4, and figures on fewer than 5 files, are null.
        await page.RouteAsync("**/api/observatory/statistics?**", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(new
            {
                suppressedBelow = 5,
                filesOpened = new object[] { new { month = "2026-01", count = 12 }, new { month = "2026-02", count = (int?)null } },
                timeToFirstMeasure = new { files = (int?)null, medianDays = (double?)null, p90Days = (double?)null },
                missedDeadlines = new { byStage = Array.Empty<object>(), byPartner = Array.Empty<object>() },
                runaways = Array.Empty<object>(),
                timePerStage = new object[] { new { stage = "evaluation", label = "Évaluation", files = 9, medianDays = 6.5, p90Days = (double?)null } },
            }),
        }));
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Léa Fontaine" }).ClickAsync();

        var opened = page.GetByRole(AriaRole.Table, new() { Name = "Dossiers ouverts par mois : données" });
        await Expect(opened.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("12");
        await Expect(opened.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("< 5");
        var perStage = page.GetByRole(AriaRole.Table, new() { Name = "Temps passé par étape : données" });
        await Expect(perStage.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("6,5 j");
        await Expect(perStage.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("non diffusé");
        await Expect(page.GetByText("Calculé sur moins de 5 dossiers : non diffusé.")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, output);
    }
}
