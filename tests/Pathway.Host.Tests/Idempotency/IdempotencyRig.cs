using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pathway.Host.Intake;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Records;
using Pathway.Testing;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Idempotency;

/// <summary>
/// A host on SQLite or on a fresh PostgreSQL database, whose intakes open files on <see cref="ShortPathway"/>, with a
/// pathway that raises an escalation as soon as a file opens (<see cref="Escalating"/>). Requests are sent with or
/// without an <c>Idempotency-Key</c>, and what they did is counted in the database.
/// </summary>
internal sealed class IdempotencyRig : IAsyncDisposable
{
    public const string Escalating = "alerte-immediate";

    private readonly TestFolder _folder;
    private readonly ScratchPostgres? _postgres;
    private readonly PathwayRun _run;
    private readonly WebApplicationFactory<Program>? _clocked;

    private IdempotencyRig(TestFolder folder, ScratchPostgres? postgres, IClock? clock)
    {
        _folder = folder;
        _postgres = postgres;
        _run = new PathwayRun(folder, postgres?.ConnectionString, new Dictionary<string, string> { [IntakeEndpoints.DefinitionSetting] = ShortPathway.Id });
        if (clock is not null) _clocked = _run.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton(clock)));
    }

    public WebApplicationFactory<Program> Host => _clocked ?? _run;

    /// <param name="provider"><c>Sqlite</c> or <c>Postgres</c>.</param>
    /// <param name="clock">The host's clock, for tests that move time.</param>
    public static async Task<IdempotencyRig> StartAsync(string provider = "Sqlite", IClock? clock = null)
    {
        var folder = ShortPathway.Folder();
        folder.WriteDefinitionFile($"{ShortPathway.Id}/v1.json", ShortPathway.Definition());
        folder.WriteDefinitionFile($"{Escalating}/v1.json", EscalatingDefinition);
        var postgres = provider == "Postgres" ? await ScratchPostgres.CreateAsync("pathway_idempotency") : null;
        return new IdempotencyRig(folder, postgres, clock);
    }

    public Task<HttpClient> ClientAsAsync(string user) => Host.SignInAsync(user);

    public static string NewKey() => $"\"{Guid.NewGuid()}\"";

    /// <summary>A JSON request, with the key as the header's whole value when one is given.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, JsonNode? body, string? key)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body ?? new JsonObject()) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonNode? body, string? key) =>
        client.SendAsync(Request(HttpMethod.Post, path, body, key));

    /// <summary>Posts an intake; returns the answer's status and body.</summary>
    public static async Task<Answer> IntakeAsync(HttpClient client, string? key, JsonObject? intake = null) =>
        await Answer.ReadAsync(await PostAsync(client, "/api/intake", intake ?? Intakes.Valid(), key));

    public Task<int> FilesAsync() => QueryAsync(c => c.Files.CountAsync());

    public Task<int> KeysAsync() => QueryAsync(c => c.IdempotencyKeys.CountAsync());

    public Task<T> QueryAsync<T>(Func<PathwayDbContext, Task<T>> query) => Host.QueryAsync(query);

    /// <summary>Opens a file on <see cref="Escalating"/>; returns it and the id of the escalation it raised at once.</summary>
    public async Task<(string FileId, Guid Escalation)> OpenEscalatedFileAsync()
    {
        var fileId = "DOS-" + Guid.NewGuid().ToString("N")[..8];
        await Host.Services.GetRequiredService<CareFileRunner>().StartAsync(Escalating, fileId,
            new StartFile("intake:" + fileId, "intake", new Dictionary<string, JsonNode?> { ["prenom"] = "Lina" }));
        var escalation = await QueryAsync(c => c.Bookmarks.Where(b => b.FileId == fileId && b.Purpose == "escalation").Select(b => b.Id).SingleAsync());
        return (fileId, escalation);
    }

    /// <summary>The stimuli applied to the file by actions on escalations, one per action done.</summary>
    public Task<List<string>> EscalationActionsAsync(string fileId) =>
        QueryAsync(c => c.AppliedStimuli.Where(a => a.FileId == fileId && a.StimulusId.StartsWith("escalation:")).Select(a => a.StimulusId).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        if (_clocked is not null) await _clocked.DisposeAsync();
        await _run.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _folder.Dispose();
    }

    private const string EscalatingDefinition = """
        {
          "id": "alerte-immediate",
          "version": 1,
          "name": "Alerte immédiate (tests)",
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

/// <summary>What the host answered: status, body as text, and the headers a retry looks at.</summary>
internal sealed record Answer(HttpStatusCode Status, string Body, string? Location, bool Replayed, string? ContentType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string FileId => Json.GetProperty("fileId").GetString()!;

    public static async Task<Answer> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        await response.Content.ReadAsStringAsync(),
        response.Headers.Location?.ToString(),
        response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true",
        response.Content.Headers.ContentType?.MediaType);
}

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}
