using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web.Designer.Editor;

/// <summary>
/// The process owner writes a deadline counted back from a date of the file (« un an avant la majorité »), then
/// counts it in jours ouvrables: what the editor shows is what the server saves, and its refusal comes back in French.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DeadlineEditorTests(DesignerRig rig, ITestOutputHelper output)
{
    [Fact]
    public async Task The_owner_counts_a_deadline_back_from_the_majority_and_sees_months_refused_in_jours_ouvrables()
    {
        var draft = await DraftPage.OfV2Async(rig, "Julien Moreau");
        var page = draft.Page;
        await page.GetByRole(AriaRole.Region, new() { Name = "Ajouter" })
            .GetByRole(AriaRole.Button, new() { Name = "Demande à un partenaire" }).ClickAsync();
        var deadline = page.Locator(".side").GetByRole(AriaRole.Group, new() { Name = "Délai de traitement" });

        await deadline.GetByLabel("Durée", new() { Exact = true }).FillAsync("P1Y");
        await deadline.GetByLabel("Compté", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "avant une date du dossier" });
        await deadline.GetByLabel("Date de l’événement", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = "Date de naissance du mineur" });
        await deadline.GetByLabel("Plus (facultatif)", new() { Exact = true }).FillAsync("P18Y");
        await deadline.GetByLabel("L’événement", new() { Exact = true }).FillAsync("la majorité");
        await deadline.GetByLabel("Base légale", new() { Exact = true }).FillAsync("CASF L222-5-1");
        await Expect(deadline.GetByLabel("Dernier jour non ouvré", new() { Exact = true }).Locator("option:checked"))
            .ToHaveTextAsync("avancé au jour ouvré précédent (par défaut)");
        await Axe.AssertAccessibleAsync(page, output);

        var counted = JsonNode.Parse("""
            { "duration": "P1Y", "before": { "variable": "dateNaissance", "plus": "P18Y", "event": "la majorité" }, "legalBasis": "CASF L222-5-1" }
            """);
        var saved = await draft.WhenAsync(d => JsonNode.DeepEquals(DeadlineOf(d), counted));
        Assert.True(JsonNode.DeepEquals(counted, DeadlineOf(saved)), DeadlineOf(saved)?.ToJsonString());
        var error = deadline.Locator(":scope > .error");
        await Expect(error).ToHaveCountAsync(0);

        // Jours ouvrables count days and weeks, not a year: the server refuses, in the designer's words.
        await deadline.GetByLabel("Décompte", new() { Exact = true }).SelectOptionAsync("workingDaysAndSaturdays");
        await Expect(error).ToContainTextAsync("Un délai en jours ouvrés ou ouvrables se compte en jours et en semaines");
        await deadline.GetByLabel("Durée", new() { Exact = true }).FillAsync("P6D");
        await Expect(error).ToHaveCountAsync(0);
        saved = await draft.WhenAsync(d => (string?)DeadlineOf(d)?["duration"] == "P6D");
        Assert.Equal("workingDaysAndSaturdays", (string?)DeadlineOf(saved)?["counting"]);
    }

    private static JsonNode? DeadlineOf(JsonNode draft) =>
        draft["activities"]!.AsArray().FirstOrDefault(a => (string?)a!["id"] == "partnertask-1")?["inputs"]?["deadline"];
}
