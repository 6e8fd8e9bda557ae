using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Testing;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Designer.Migration;

/// <summary>
/// The owner moves a running file from v2 to a v3 where the first partner task goes to another partner: a diff, a dry
/// run, then the migration, through the API (on PostgreSQL).
/// </summary>
public sealed class MigrationApiTests : IAsyncLifetime
{
    private const string Pathway = "minor-protection-pathway";
    private const string Task = "contact-coordination";
    private const string OldPartner = "amicale-du-nid-93";
    private const string NewPartner = "sauvegarde-93";
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();
    private ScratchPostgres _database = null!;
    private PathwayRun _run = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchPostgres.CreateAsync("migration");
        _run = new PathwayRun(_folder, _database.ConnectionString);
        _owner = await _run.ClientAsAsync("pilote");
        await _run.Services.GetRequiredService<CareFileRunner>().StartAsync(Pathway, "F-1", new StartFile("start-1", "test"));
        await PublishV3WithTheTaskGivenToAnotherPartnerAsync();
    }

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    private async Task PublishV3WithTheTaskGivenToAnotherPartnerAsync()
    {
        var document = JsonNode.Parse(await _owner.GetStringAsync($"/api/definitions/{Pathway}/versions/2"))!.AsObject();
        document["version"] = 3;
        document["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == Task)!["inputs"]!["partner"] = NewPartner;
        var created = await _owner.PostAsJsonAsync($"/api/definitions/{Pathway}/drafts", new { document });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _owner.PostAsync($"/api/definitions/{Pathway}/versions/3/publish", null)).StatusCode);
    }

    private async Task<JsonObject> PostAsync(string path, object body)
    {
        var response = await _owner.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<T> QueryAsync<T>(Func<PathwayDbContext, Task<T>> query)
    {
        await using var context = _run.Services.GetRequiredService<PathwayDatabase>().CreateContext();
        return await query(context);
    }

    [Fact]
    public async Task The_diff_shows_the_task_whose_partner_changed()
    {
        var diff = JsonNode.Parse(await _owner.GetStringAsync($"/api/definitions/{Pathway}/diff?from=2&to=3"))!;

        var changed = Assert.Single(diff["activities"]!["changed"]!.AsArray())!;
        Assert.Equal(Task, changed["id"]!.GetValue<string>());
        Assert.Equal("inputs.partner", changed["changes"]![0]!["field"]!.GetValue<string>());
        Assert.False(diff["identical"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_dry_run_then_the_migration_withdraws_the_task_from_one_partner_gives_it_to_the_other_and_the_file_goes_on_on_v3()
    {
        var dryRun = await PostAsync($"/api/definitions/{Pathway}/migrations/dry-run", new { from = 2, to = 3 });
        var planned = Assert.Single(dryRun["files"]!.AsArray())!;
        Assert.Equal("migrated", planned["status"]!.GetValue<string>());
        var moved = planned["tokens"]!.AsArray().Single(t => t!["from"]!.GetValue<string>() == Task)!;
        Assert.Equal("reissued", moved["disposition"]!.GetValue<string>());
        Assert.Equal(2, (await QueryAsync(c => c.Files.AsNoTracking().SingleAsync(f => f.Id == "F-1"))).Version);

        var dryRunId = dryRun["migrationId"]!.GetValue<string>();
        var applied = await PostAsync($"/api/definitions/{Pathway}/migrations", new { from = 2, to = 3, dryRunId });

        Assert.True(applied["applied"]!.GetValue<bool>());
        Assert.Equal(1, applied["summary"]!["migrated"]!.GetValue<int>());
        Assert.Equal(3, (await QueryAsync(c => c.Files.AsNoTracking().SingleAsync(f => f.Id == "F-1"))).Version);
        var messages = await QueryAsync(c => c.Outbox.AsNoTracking().Where(o => o.FileId == "F-1").ToListAsync());
        Assert.Contains(messages, m => m.Kind == "task.withdrawn" && m.Destination == OldPartner);
        Assert.Contains(messages, m => m.Kind == "task.assigned" && m.Destination == NewPartner);
        var journal = await QueryAsync(c => c.Journal.AsNoTracking().Where(j => j.FileId == "F-1").OrderBy(j => j.Sequence).ToListAsync());
        Assert.Equal("user:pilote", journal.Single(j => j.Kind == "file.migrated").Actor);

        var task = await QueryAsync(c => c.Bookmarks.AsNoTracking().SingleAsync(b => b.FileId == "F-1" && b.ActivityId == Task && b.Purpose == "task"));
        Assert.Equal(NewPartner, task.Addressee);
        var answered = await _run.Services.GetRequiredService<CareFileRunner>().ApplyAsync("F-1",
            new ResumeBookmark("answer-1", NewPartner, task.Id, new JsonObject { ["answer"] = "completed", ["outcome"] = "contact-pris" }));
        Assert.Equal(StepDisposition.Applied, answered.Disposition);
        var completed = await QueryAsync(c => c.Journal.AsNoTracking()
            .Where(j => j.FileId == "F-1" && j.Kind == JournalKinds.ActivityCompleted && j.ActivityId == Task).CountAsync());
        Assert.Equal(1, completed);

        // The file's history still reads, before and after the migration (activities v3 no longer has included).
        var coordinator = await _run.ClientAsAsync("coordinatrice");
        var timeline = await coordinator.GetStringAsync("/api/files/F-1/timeline");
        Assert.Contains("Dossier passé de la version 2 à la version 3 du parcours par Julien Moreau", timeline);

        var again = await PostAsync($"/api/definitions/{Pathway}/migrations", new { from = 2, to = 3, dryRunId });
        Assert.Equal("alreadyMigrated", Assert.Single(again["files"]!.AsArray())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mapping_to_an_activity_v3_lacks_is_refused_and_a_coordinator_may_not_migrate()
    {
        var bad = await _owner.PostAsync($"/api/definitions/{Pathway}/migrations/dry-run",
            new StringContent("""{ "from": 2, "to": 3, "mapping": { "contact-coordination": "nulle-part" } }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var coordinator = await _run.ClientAsAsync("coordinatrice");
        var refused = await coordinator.PostAsync($"/api/definitions/{Pathway}/migrations",
            new StringContent("""{ "from": 2, "to": 3 }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
