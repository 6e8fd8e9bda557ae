using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Escalations;

/// <summary>
/// One host (embedded default: SQLite, in-memory bus, timers in Quartz) shared by the escalation tests of a class,
/// with the repository's partner registry and three small pathways: a CRIP evaluation whose deadline passes after
/// a second (staying at level 1, or rising to level 2 a second later), and an explicit escalation raised as soon as
/// the file opens. Every test opens its own files, so tests look only at their own files in the inbox.
/// </summary>
public sealed class EscalationRig : IAsyncLifetime
{
    public const string LateTask = "evaluation-en-retard";
    public const string LateTaskRising = "evaluation-en-retard-inspection";
    public const string Explicit = "alerte-explicite";

    /// <summary>How long a test waits for what should happen within a few seconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();
    private PathwayRun _run = null!;

    public HttpClient Coordinator { get; private set; } = null!;

    public HttpClient Inspector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder.WriteDefinitionFile($"{LateTask}/v1.json", Evaluation(LateTask, escalateAfter: "P1D"));
        _folder.WriteDefinitionFile($"{LateTaskRising}/v1.json", Evaluation(LateTaskRising, escalateAfter: "PT1S"));
        _folder.WriteDefinitionFile($"{Explicit}/v1.json", ExplicitEscalation);
        _run = new PathwayRun(_folder);
        Coordinator = await _run.ClientAsAsync("coordinatrice");
        Inspector = await _run.ClientAsAsync("inspectrice");
    }

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    public Task<HttpClient> ClientAsAsync(string user) => _run.ClientAsAsync(user);

    /// <summary>Opens a file on <paramref name="definitionId"/>, as intake will; returns its id.</summary>
    public async Task<string> OpenFileAsync(string definitionId)
    {
        var fileId = "DOS-" + Guid.NewGuid().ToString("N")[..8];
        await _run.Services.GetRequiredService<CareFileRunner>().StartAsync(definitionId, fileId,
            new StartFile("intake:" + fileId, "intake", new Dictionary<string, JsonNode?> { ["prenom"] = "Lina" }));
        return fileId;
    }

    /// <summary>The inbox as <paramref name="client"/> sees it, every page.</summary>
    public static async Task<List<JsonObject>> InboxAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonObject>("/api/escalations?pageSize=200");
        return [.. page!["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    /// <summary>The file's escalation in the inbox of <paramref name="client"/>, once it is there at <paramref name="level"/>.</summary>
    public async Task<JsonObject> EscalationOfAsync(string fileId, int level = 1, HttpClient? client = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var item = (await InboxAsync(client ?? Coordinator)).SingleOrDefault(i => (string?)i["fileId"] == fileId);
            if (item is not null && (int)item["level"]! == level) return item;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No level-{level} escalation for {fileId} in the inbox.");
            await Task.Delay(200);
        }
    }

    /// <summary>The messages of <paramref name="type"/> the file sent, once the outbox has carried out <paramref name="count"/>
    /// of them: (destination, body).</summary>
    public async Task<List<(string Destination, JsonObject Body)>> SentAsync(string fileId, string type, int count = 1)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var rows = await QueryAsync(db => db.Outbox.AsNoTracking().Where(r => r.FileId == fileId && r.Kind == type).ToListAsync());
            if (rows.Count(r => r.SentAt is not null) >= count || DateTime.UtcNow > deadline)
                return [.. rows.Where(r => r.SentAt is not null).Select(r => (r.Destination!, JsonNode.Parse(r.Payload)!.AsObject()))];
            await Task.Delay(200);
        }
    }

    /// <summary>The file's journal lines caused by actions on escalations (stimulus ids <c>escalation:…</c>).</summary>
    public Task<List<JournalRow>> ActionJournalAsync(string fileId) =>
        QueryAsync(db => db.Journal.AsNoTracking().Where(j => j.FileId == fileId && j.StimulusId!.StartsWith("escalation:")).ToListAsync());

    public async Task<T> QueryAsync<T>(Func<PathwayDbContext, Task<T>> query)
    {
        await using var db = _run.Services.GetRequiredService<PathwayDatabase>().CreateContext();
        return await query(db);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private static string Evaluation(string id, string escalateAfter) => $$"""
        {
          "id": "{{id}}",
          "version": 1,
          "name": "Évaluation en retard (tests)",
          "variables": [ { "name": "prenom", "type": "text" } ],
          "stages": [ { "id": "evaluation", "name": "Évaluation de la situation" } ],
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Signalement" },
            { "id": "evaluer", "type": "PartnerTask", "displayName": "Évaluation", "stage": "evaluation", "inputs": {
                "partner": "crip-93", "title": "Évaluer la situation", "outcomes": ["danger", "sans-danger"],
                "deadline": { "duration": "PT1S", "legalBasis": "CASF D226-2-4" }, "escalateAfter": "{{escalateAfter}}",
                "fields": ["prenom"] } },
            { "id": "fin", "type": "End", "displayName": "Fin" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "evaluer" },
            { "source": "evaluer", "outcome": "danger", "target": "fin" },
            { "source": "evaluer", "outcome": "sans-danger", "target": "fin" },
            { "source": "evaluer", "outcome": "declined", "target": "fin" }
          ]
        }
        """;

    private const string ExplicitEscalation = """
        {
          "id": "alerte-explicite",
          "version": 1,
          "name": "Alerte explicite (tests)",
          "variables": [ { "name": "prenom", "type": "text" } ],
          "stages": [ { "id": "orientation", "name": "Orientation" } ],
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Début" },
            { "id": "alerter", "type": "Escalate", "displayName": "Alerter", "stage": "orientation",
              "inputs": { "reason": "La demande d'accueil spécialisé a été déclinée", "escalateAfter": "P1D" } },
            { "id": "fin", "type": "End", "displayName": "Fin" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "alerter" },
            { "source": "alerter", "outcome": "resolved", "target": "fin" }
          ]
        }
        """;
}
