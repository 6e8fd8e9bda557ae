using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pathway.Host.Intake;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Records;
using Pathway.Testing;

namespace Pathway.Host.Tests.Faults;

/// <summary>
/// With PostgreSQL out of the host's reach, the API says "try again later" (503, <c>Retry-After</c>, a French problem),
/// never "internal error": nothing was done, and the same request can be sent again once the database is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task While_the_database_is_unreachable_every_endpoint_answers_503_with_Retry_After_and_once_it_is_back_the_intake_opens_a_file()
    {
        await using var database = await ScratchPostgres.CreateAsync("pathway_outage");
        var (link, connectionString) = FaultyLink.ToPostgres(database.ConnectionString);
        await using var _ = link;
        using var folder = ShortPathway.Folder();
        folder.WriteDefinitionFile($"{ShortPathway.Id}/v1.json", ShortPathway.Definition());
        await using var run = new PathwayRun(folder, connectionString,
            new Dictionary<string, string> { [IntakeEndpoints.DefinitionSetting] = ShortPathway.Id });
        var desk = await run.ClientAsAsync("accueil");
        var coordinator = await run.ClientAsAsync("coordinatrice");
        var owner = await run.ClientAsAsync("pilote");
        var fileId = await Intakes.OpenFileAsync(desk);

        link.Cut();
        var calls = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("intake", () => desk.PostAsJsonAsync("/api/intake", Intakes.Valid(givenName: "Ondine"))),
            ("file list", () => coordinator.GetAsync("/api/files")),
            ("file detail", () => coordinator.GetAsync($"/api/files/{fileId}")),
            ("note", () => coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = "Appel du collège." })),
            ("inbox", () => coordinator.GetAsync("/api/escalations")),
            ("designer", () => owner.PostAsJsonAsync($"/api/definitions/{ShortPathway.Id}/drafts", new { from = 1 })),
        };
        foreach (var (what, send) in calls)
        {
            var response = await send();

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {body}");
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{what}: no Retry-After");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal("Service momentanément indisponible", problem.GetProperty("title").GetString());
            Assert.Contains("n'a pas été effectuée", problem.GetProperty("detail").GetString());
        }

        link.Restore();
        var reopened = await desk.PostAsJsonAsync("/api/intake", Intakes.Valid(givenName: "Ondine"));

        Assert.Equal(HttpStatusCode.Created, reopened.StatusCode);
        // Each refusal is logged by the kind of fault only (no exception, whose text could quote what the request
        // held), and never as an unhandled error.
        var refusals = run.Log.Entries.Where(e => e.Category == typeof(Pathway.Host.Api.TransientFaultHandler).FullName).ToList();
        Assert.Equal(calls.Length, refusals.Count);
        Assert.All(refusals, e => Assert.Null(e.Exception));
        Assert.DoesNotContain(run.Log.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_intake_refused_with_503_during_the_outage_and_sent_again_with_its_key_opens_one_file_and_replays_it()
    {
        await using var database = await ScratchPostgres.CreateAsync("pathway_outage");
        var (link, connectionString) = FaultyLink.ToPostgres(database.ConnectionString);
        await using var _ = link;
        using var folder = ShortPathway.Folder();
        folder.WriteDefinitionFile($"{ShortPathway.Id}/v1.json", ShortPathway.Definition());
        await using var run = new PathwayRun(folder, connectionString,
            new Dictionary<string, string> { [IntakeEndpoints.DefinitionSetting] = ShortPathway.Id });
        var desk = await run.ClientAsAsync("accueil");
        var key = $"\"{Guid.NewGuid()}\"";
        Task<HttpResponseMessage> SendAsync() => desk.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/intake")
        {
            Headers = { { "Idempotency-Key", key } }, Content = JsonContent.Create(Intakes.Valid(givenName: "Ondine")),
        });

        link.Cut();
        var duringOutage = await SendAsync();
        link.Restore();
        var retried = await SendAsync();
        var again = await SendAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True(again.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
        var first = (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetString();
        Assert.Equal(first, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetString());
        var files = (await (await run.ClientAsAsync("coordinatrice")).GetJsonAsync("/api/files")).GetProperty("total").GetInt32();
        Assert.Equal(1, files);
    }

    [Fact]
    public async Task A_SQLite_database_another_writer_holds_answers_503_and_takes_the_note_once_released()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        // The host waits one second for the write lock, instead of thirty, before it gives up.
        await using var run = new PathwayRun(folder, settings: new Dictionary<string, string>
        {
            ["Pathway:Database:ConnectionString"] = $"Data Source={folder.DatabaseFile};Default Timeout=1",
        });
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        var coordinator = await run.ClientAsAsync("coordinatrice");
        await using var other = new SqliteConnection($"Data Source={folder.DatabaseFile};Pooling=false");
        await other.OpenAsync();
        await using (var hold = new SqliteCommand("BEGIN EXCLUSIVE", other)) await hold.ExecuteNonQueryAsync();

        var held = await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = "Appel du collège." });
        await using (var release = new SqliteCommand("ROLLBACK", other)) await release.ExecuteNonQueryAsync();
        var released = await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = "Appel du collège." });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, held.StatusCode);
        Assert.NotNull(held.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        var notes = (await coordinator.GetJsonAsync($"/api/files/{fileId}")).GetProperty("notes");
        Assert.Equal(1, notes.GetArrayLength());
    }
}
