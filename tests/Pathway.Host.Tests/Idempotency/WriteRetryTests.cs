using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Tests.Records;

namespace Pathway.Host.Tests.Idempotency;

/// <summary>
/// The other state-changing calls, sent twice with one <c>Idempotency-Key</c>: a note is added once, a draft made
/// once, a version published, retired and migrated once, each retry getting the first answer. The designer's checks
/// (validate, dry run) change nothing: they take the header and simply run again.
/// </summary>
public sealed class WriteRetryTests
{
    private const string Definitions = "/api/definitions/" + ShortPathway.Id;

    [Fact]
    public async Task A_note_sent_twice_with_one_key_is_added_once()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var fileId = (await IdempotencyRig.IntakeAsync(await rig.ClientAsAsync("accueil"), key: null)).FileId;
        var coordinator = await rig.ClientAsAsync("coordinatrice");
        var key = IdempotencyRig.NewKey();
        var note = new JsonObject { ["text"] = "Appel de la mère : rendez-vous pris au CDEF." };

        var first = await Answer.ReadAsync(await IdempotencyRig.PostAsync(coordinator, $"/api/files/{fileId}/notes", note, key));
        var again = await Answer.ReadAsync(await IdempotencyRig.PostAsync(coordinator, $"/api/files/{fileId}/notes", note, key));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((HttpStatusCode.Created, first.Body, true), (again.Status, again.Body, again.Replayed));
        Assert.Equal(1, await rig.QueryAsync(c => c.FileNotes.CountAsync(n => n.FileId == fileId)));
    }

    [Fact]
    public async Task A_draft_made_twice_with_one_key_is_made_once()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var owner = await rig.ClientAsAsync("pilote");
        var key = IdempotencyRig.NewKey();

        var first = await Answer.ReadAsync(await IdempotencyRig.PostAsync(owner, $"{Definitions}/drafts", new JsonObject { ["from"] = 1 }, key));
        var again = await Answer.ReadAsync(await IdempotencyRig.PostAsync(owner, $"{Definitions}/drafts", new JsonObject { ["from"] = 1 }, key));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((first.Status, first.Body, first.Location, true), (again.Status, again.Body, again.Location, again.Replayed));
        Assert.Equal(2, await rig.QueryAsync(c => c.DefinitionVersions.CountAsync(v => v.DefinitionId == ShortPathway.Id)));
    }

    [Fact]
    public async Task A_draft_saved_published_and_a_version_retired_each_twice_with_one_key_answer_the_first_success_twice()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var owner = await rig.ClientAsAsync("pilote");
        await IdempotencyRig.PostAsync(owner, $"{Definitions}/drafts", new JsonObject { ["from"] = 1 }, key: null);
        var document = JsonNode.Parse(ShortPathway.Definition(version: 2))!.AsObject();
        document["name"] = "Signalement en bref, revu (tests)";

        var saved = await TwiceAsync(owner, HttpMethod.Put, $"{Definitions}/versions/2", document);
        var published = await TwiceAsync(owner, HttpMethod.Post, $"{Definitions}/versions/2/publish", null);
        var retired = await TwiceAsync(owner, HttpMethod.Post, $"{Definitions}/versions/1/retire", null);

        // Without the key, the second publish and retire would be refused (409: already published, already retired).
        foreach (var (first, again) in new[] { saved, published, retired })
        {
            Assert.Equal(HttpStatusCode.OK, first.Status);
            Assert.Equal((HttpStatusCode.OK, first.Body, true), (again.Status, again.Body, again.Replayed));
        }

        var versions = await rig.QueryAsync(c => c.DefinitionVersions.Where(v => v.DefinitionId == ShortPathway.Id)
            .OrderBy(v => v.Version).Select(v => v.Status).ToListAsync());
        Assert.Equal(["retired", "published"], versions);
    }

    [Fact]
    public async Task A_migration_applied_twice_with_one_key_moves_each_file_once_and_answers_the_same_report()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var fileId = (await IdempotencyRig.IntakeAsync(await rig.ClientAsAsync("accueil"), key: null)).FileId;
        var owner = await rig.ClientAsAsync("pilote");
        await IdempotencyRig.PostAsync(owner, $"{Definitions}/drafts", new JsonObject { ["from"] = 1 }, key: null);
        await IdempotencyRig.PostAsync(owner, $"{Definitions}/versions/2/publish", null, key: null);
        var migration = new JsonObject { ["from"] = 1, ["to"] = 2 };

        var (first, again) = await TwiceAsync(owner, HttpMethod.Post, $"{Definitions}/migrations", migration);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((first.Body, true), (again.Body, again.Replayed));
        Assert.Equal("migrated", first.Json.GetProperty("files")[0].GetProperty("status").GetString());
        Assert.Equal(1, await rig.QueryAsync(c => c.FileMigrations.CountAsync(m => m.FileId == fileId)));
    }

    [Fact]
    public async Task Validation_and_dry_runs_take_a_key_write_nothing_and_run_again()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var owner = await rig.ClientAsAsync("pilote");
        await IdempotencyRig.PostAsync(owner, $"{Definitions}/drafts", new JsonObject { ["from"] = 1 }, key: null);
        await IdempotencyRig.PostAsync(owner, $"{Definitions}/versions/2/publish", null, key: null);

        var validated = await TwiceAsync(owner, HttpMethod.Post, $"{Definitions}/versions/1/validate", null);
        var dryRun = await TwiceAsync(owner, HttpMethod.Post, $"{Definitions}/migrations/dry-run", new JsonObject { ["from"] = 1, ["to"] = 2 });

        foreach (var (first, again) in new[] { validated, dryRun })
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, false), (first.Status, again.Status, again.Replayed));
        Assert.Equal(0, await rig.KeysAsync());
    }

    /// <summary>The same request twice with one new key.</summary>
    private static async Task<(Answer First, Answer Again)> TwiceAsync(HttpClient client, HttpMethod method, string path, JsonNode? body,
        string? key = null)
    {
        key ??= IdempotencyRig.NewKey();
        var first = await Answer.ReadAsync(await client.SendAsync(IdempotencyRig.Request(method, path, body, key)));
        var again = await Answer.ReadAsync(await client.SendAsync(IdempotencyRig.Request(method, path, body, key)));
        return (first, again);
    }
}
