using System.Net.Http.Json;
using System.Text.Json;
using Pathway.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pathway.Host.Tests.Records;

/// <summary>The timeline: the file's journal line by line, said in French, with people and partners by name.</summary>
public sealed class TimelineTests(ITestOutputHelper output)
{
    private const string Crip = "Cellule de recueil des informations préoccupantes (CRIP) de la Seine-Saint-Denis";

    private async Task<List<JsonElement>> TimelineAsync(PathwayRun run, string user, string fileId)
    {
        var items = (await (await run.ClientAsAsync(user)).GetJsonAsync($"/api/files/{fileId}/timeline")).GetProperty("items").EnumerateArray().ToList();
        foreach (var item in items) output.WriteLine($"{user} | {item.Text("kind")} | {item.Text("actorLabel")} | {item.Text("summary")}");
        return items;
    }

    private static IReadOnlyList<string> Summaries(IEnumerable<JsonElement> items) => items.Select(i => i.Text("summary")).ToList();

    [Fact]
    public async Task The_coordinator_reads_what_happened_in_French_with_names()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        await run.CompleteAsync("crip-93", fileId, "danger");

        var items = await TimelineAsync(run, "coordinatrice", fileId);

        var summaries = Summaries(items);
        Assert.Equal("Saisine enregistrée par Sofia Haddad", summaries[0]);
        Assert.Equal("Dossier ouvert sur « Signalement en bref (tests) » (version 1)", summaries[1]);
        Assert.Contains("Étape commencée : Évaluer la situation", summaries);
        Assert.Contains($"Demande envoyée à {Crip}", summaries);
        Assert.Contains(summaries, s => s.StartsWith("En attente : Évaluer la situation — délai jusqu'au ", StringComparison.Ordinal));
        Assert.Contains($"Réponse reçue de {Crip} (issue : danger)", summaries);
        Assert.Contains($"Réponse de {Crip} : Évaluer la situation", summaries);
        Assert.Contains("Étape terminée : Évaluer la situation (issue : danger)", summaries);
        var answered = items.First(i => i.Text("summary").StartsWith("Étape terminée : Évaluer", StringComparison.Ordinal));
        Assert.Equal(("crip-93", Crip, "evaluer", "Évaluer la situation"),
            (answered.Text("actor"), answered.Text("actorLabel"), answered.Text("activityId"), answered.Text("activityLabel")));
        Assert.Equal(("evaluation", "Évaluation"), (answered.GetProperty("stage").Text("id"), answered.GetProperty("stage").Text("label")));
        Assert.Equal(items.Select(i => i.GetProperty("sequence").GetInt64()).Order(), items.Select(i => i.GetProperty("sequence").GetInt64()));
        Assert.DoesNotContain(Intakes.GivenName, string.Join("\n", summaries));
    }

    [Fact]
    public async Task A_deadline_that_passes_is_told_as_such_by_the_timer()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition(deadline: "PT1S"));
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));

        List<JsonElement> items = [];
        for (var wait = 0; wait < 100 && !Summaries(items).Contains("Délai dépassé : Évaluer la situation"); wait++)
        {
            await Task.Delay(200);
            items = await TimelineAsync(run, "coordinatrice", fileId);
        }

        var passed = items.Single(i => i.Text("summary") == "Délai dépassé : Évaluer la situation");
        Assert.Equal(("system:timer", "Échéance"), (passed.Text("actor"), passed.Text("actorLabel")));
        Assert.Contains("Alerte adressée à la coordination", Summaries(items));
    }

    [Fact]
    public async Task A_partner_reads_only_the_lines_about_its_own_tasks()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        await run.CompleteAsync("crip-93", fileId, "danger");

        var crip = await TimelineAsync(run, "partenaire-crip-93", fileId);
        var parquet = await TimelineAsync(run, "partenaire-parquet-difaje", fileId);

        Assert.All(crip, i => Assert.True(i.Text("actor") == "crip-93" || i.Text("activityId") == "evaluer", i.Text("summary")));
        Assert.All(parquet, i => Assert.Equal("decider", i.Text("activityId")));
        Assert.Contains("Étape terminée : Évaluer la situation (issue : danger)", Summaries(crip));
        Assert.Contains("Demande envoyée à Parquet de Bobigny — division des affaires familiales et de l'enfance (DIFAJE)", Summaries(parquet));
        Assert.DoesNotContain(crip, i => i.Text("summary").StartsWith("Saisine enregistrée", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partner_whose_task_was_reassigned_reads_the_task_until_then_and_the_new_partner_from_then()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition(deadline: "PT1S"));
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        var coordinator = await run.ClientAsAsync("coordinatrice");
        JsonElement escalations;
        var waited = 0;
        while ((escalations = await coordinator.GetJsonAsync("/api/escalations")).GetProperty("items").GetArrayLength() == 0 && waited++ < 100)
            await Task.Delay(200);
        var escalation = escalations.GetProperty("items")[0].Text("id");

        var reassigned = await coordinator.PostAsJsonAsync($"/api/escalations/{escalation}/reassign", new { partner = "ase-93", reason = "Évaluation confiée à l'ASE" });

        Assert.Equal(System.Net.HttpStatusCode.OK, reassigned.StatusCode);
        var crip = Summaries(await TimelineAsync(run, "partenaire-crip-93", fileId));
        var ase = Summaries(await TimelineAsync(run, "partenaire-ase-93", fileId));
        Assert.Contains("Demande retirée à " + Crip, crip);
        Assert.DoesNotContain(crip, s => s.Contains("Aide sociale à l'enfance", StringComparison.Ordinal));
        Assert.Contains("Demande envoyée à Aide sociale à l'enfance — Département de la Seine-Saint-Denis", ase);
        Assert.DoesNotContain(ase, s => s.Contains(Crip, StringComparison.Ordinal));
        Assert.DoesNotContain(ase, s => s.StartsWith("Alerte", StringComparison.Ordinal));
        Assert.Contains("Demande réattribuée à Aide sociale à l'enfance — Département de la Seine-Saint-Denis par Camille Martin : Évaluation confiée à l'ASE",
            Summaries(await TimelineAsync(run, "coordinatrice", fileId)));
    }

    [Fact]
    public async Task An_extended_deadline_says_by_how_long_who_and_why()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition(deadline: "PT1S"));
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        var coordinator = await run.ClientAsAsync("coordinatrice");
        JsonElement escalations;
        var waited = 0;
        while ((escalations = await coordinator.GetJsonAsync("/api/escalations")).GetProperty("items").GetArrayLength() == 0 && waited++ < 100)
            await Task.Delay(200);

        var extended = await coordinator.PostAsJsonAsync($"/api/escalations/{escalations.GetProperty("items")[0].Text("id")}/extend",
            new { extension = "P8D", reason = "audience reportée" });

        Assert.Equal(System.Net.HttpStatusCode.OK, extended.StatusCode);
        Assert.Contains("Délai prolongé de 8 jours par Camille Martin : audience reportée", Summaries(await TimelineAsync(run, "coordinatrice", fileId)));
    }
}
