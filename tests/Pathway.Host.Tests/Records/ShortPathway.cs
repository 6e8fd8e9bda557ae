using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Intake;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Records;

/// <summary>
/// A short pathway for the file tests: the CRIP evaluates (with a deadline the test chooses), then the parquet decides.
/// The CRIP's task declares the given name only, the parquet's the given name, family name and birth date.
/// </summary>
internal static class ShortPathway
{
    public const string Id = "signalement-court";

    public static string Definition(int version = 1, string deadline = "P3M", string variables = DefaultVariables) => $$"""
        {
          "id": "{{Id}}",
          "version": {{version}},
          "name": "Signalement en bref (tests)",
          "variables": [ {{variables}} ],
          "stages": [ { "id": "evaluation", "name": "Évaluation" }, { "id": "decision", "name": "Décision du parquet" } ],
          "activities": [
            { "id": "debut", "type": "Start", "displayName": "Signalement reçu", "stage": "evaluation" },
            { "id": "evaluer", "type": "PartnerTask", "displayName": "Évaluer la situation", "stage": "evaluation", "inputs": {
                "partner": "crip-93", "title": "Évaluer la situation du mineur", "outcomes": ["danger", "sans-danger"],
                "deadline": { "duration": "{{deadline}}", "counting": "calendar", "legalBasis": "CASF D226-2-4" }, "escalateAfter": "P2D",
                "fields": ["prenom"] } },
            { "id": "decider", "type": "PartnerTask", "displayName": "Décision du parquet", "stage": "decision", "inputs": {
                "partner": "parquet-difaje", "title": "Décider des suites", "outcomes": ["opp", "classement"],
                "fields": ["prenom", "nom", "dateNaissance"] } },
            { "id": "fin", "type": "End", "displayName": "Fin", "stage": "decision" }
          ],
          "connections": [
            { "source": "debut", "outcome": "done", "target": "evaluer" },
            { "source": "evaluer", "outcome": "danger", "target": "decider" },
            { "source": "evaluer", "outcome": "sans-danger", "target": "fin" },
            { "source": "evaluer", "outcome": "declined", "target": "fin" },
            { "source": "decider", "outcome": "opp", "target": "fin" },
            { "source": "decider", "outcome": "classement", "target": "fin" },
            { "source": "decider", "outcome": "declined", "target": "fin" }
          ]
        }
        """;

    public const string DefaultVariables = """
        { "name": "origine", "type": "choice", "choices": ["information-preoccupante", "signalement"], "label": "Mode de saisine" },
        { "name": "prenom", "type": "text" }, { "name": "nom", "type": "text" }, { "name": "dateNaissance", "type": "date" }
        """;

    /// <summary>A host whose intakes open files on this pathway (the repository's partner registry beside it).</summary>
    public static PathwayRun Host(TestFolder folder, params string[] versions)
    {
        for (var i = 0; i < versions.Length; i++) folder.WriteDefinitionFile($"{Id}/v{i + 1}.json", versions[i]);
        return new PathwayRun(folder, settings: new Dictionary<string, string> { [IntakeEndpoints.DefinitionSetting] = Id });
    }

    public static TestFolder Folder()
    {
        var folder = new TestFolder();
        folder.WriteDefinitionFile("partners.json", File.ReadAllText(RepositoryFile.Path("definitions/partners.json")));
        return folder;
    }

    public static async Task<T> QueryAsync<T>(this WebApplicationFactory<Program> run, Func<PathwayDbContext, Task<T>> query)
    {
        await using var context = run.Services.GetRequiredService<PathwayDatabase>().CreateContext();
        return await query(context);
    }

    /// <summary>The file's variables, as the engine holds them.</summary>
    public static async Task<JsonObject> VariablesAsync(this WebApplicationFactory<Program> run, string fileId) =>
        JsonNode.Parse(await run.QueryAsync(c => c.Files.Where(f => f.Id == fileId).Select(f => f.State).SingleAsync()))!["variables"]!.AsObject();

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
