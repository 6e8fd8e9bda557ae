using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Tests.Persistence;
using Pathway.Workflows.Versioning;

namespace Pathway.Workflows.Tests.Versioning;

/// <summary>Moving a running file from v1 to a newer version, on both providers: a file waits on the parquet's task.</summary>
public abstract class FileMigrationTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : FileMigrationTests(DatabaseProvider.Postgres);

    public sealed class OnSqlite() : FileMigrationTests(DatabaseProvider.Sqlite);

    private const string Id = "migration-spec";
    private const string Owner = "user:pilote";
    private const string Parquet = """
        { "id": "parquet", "type": "PartnerTask", "displayName": "Décision du parquet", "inputs": {
            "partner": "parquet-difaje", "title": "Décider des suites", "outcomes": ["opp", "classement"],
            "deadline": { "duration": "P8D", "legalBasis": "C. civ. 375-5" }, "fields": ["prenom"] } }
        """;

    private FileMigrationStore Migrations = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Migrations = new FileMigrationStore(Database, Definitions, new FileMigrator(PatternRun.Catalog), Clock);
        await PublishAsync(Version(1, Parquet));
        await Runner.StartAsync(Id, "F-1", new StartFile("s1", "user:intake", new Dictionary<string, JsonNode?> { ["prenom"] = "Lina", ["nom"] = "M." }));
    }

    /// <summary>Start → <paramref name="waiting"/> (id parquet unless said) → an end per outcome.</summary>
    private static WorkflowDefinition Version(int version, string waiting, string variables = """{ "name": "nom", "type": "text" }""",
        string? timer = null)
    {
        var id = JsonNode.Parse(waiting)!["id"]!.GetValue<string>();
        return DefinitionJson.Deserialize($$"""
            {
              "id": "{{Id}}", "version": {{version}}, "name": "Spécification des migrations",
              "variables": [ { "name": "prenom", "type": "text" }, {{variables}} ],
              "activities": [
                { "id": "start", "type": "Start" }, {{waiting}},
                { "id": "fin-opp", "type": "End" }, { "id": "fin-classement", "type": "End" }, { "id": "fin-refus", "type": "End" }
                {{(timer is null ? "" : $$$""", { "id": "{{{timer}}}", "type": "Timer", "inputs": { "duration": "P8D" } }""")}}
              ],
              "connections": [
                { "source": "start", "outcome": "done", "target": "{{id}}" },
                { "source": "{{id}}", "outcome": "opp", "target": "fin-opp" },
                { "source": "{{id}}", "outcome": "classement", "target": "fin-classement" },
                { "source": "{{id}}", "outcome": "declined", "target": "{{timer ?? "fin-refus"}}" }
                {{(timer is null ? "" : $$$""", { "source": "{{{timer}}}", "outcome": "done", "target": "fin-refus" }""")}}
              ]
            }
            """);
    }

    private static MigrationRequest ToV2(Dictionary<string, string?>? mapping = null) => new(Id, 1, 2, mapping);

    private Task<List<OutboxRow>> OutboxAsync() =>
        QueryAsync(c => c.Outbox.AsNoTracking().Where(o => o.FileId == "F-1").OrderBy(o => o.CreatedAt).ThenBy(o => o.MessageId).ToListAsync());

    private async Task<BookmarkRow> TaskAsync() =>
        (await FileAsync("F-1")).Bookmarks.Single(b => b.ClosedAt == null && b.Purpose == "task");

    [Fact]
    public async Task A_task_on_an_unchanged_activity_is_kept_with_its_id_and_deadline_and_the_file_goes_on_on_the_new_version()
    {
        await PublishAsync(Version(2, Parquet, """{ "name": "motif", "type": "text" }"""));
        var task = await TaskAsync();
        var outbox = (await OutboxAsync()).Count;

        var report = await Migrations.ApplyAsync(ToV2(), "m-1", Owner);

        var file = Assert.Single(report.Files);
        Assert.Equal(FileMigrationStatus.Migrated, file.Status);
        var token = Assert.Single(file.Tokens);
        Assert.Equal((TokenDisposition.Kept, "parquet"), (token.Disposition, token.To));
        Assert.Equal(task.Id.ToString(), Assert.Single(token.Kept).Id);
        Assert.Equal(["nom"], file.Variables.Dropped);
        Assert.Equal(["motif"], file.Variables.Added);
        Assert.Equal(["motif"], file.Variables.Required);
        Assert.Equal(2, (await FileAsync("F-1")).Version);
        Assert.Equal((task.Id, task.DueAt), ((await TaskAsync()).Id, (await TaskAsync()).DueAt));
        Assert.Equal(outbox, (await OutboxAsync()).Count);
        var migrated = (await JournalAsync("F-1")).Single(j => j.Kind == FileMigrator.JournalKind);
        Assert.Equal(Owner, migrated.Actor);
        Assert.Equal(2, JsonNode.Parse(migrated.Data!)!["to"]!.GetValue<int>());

        await Runner.ApplyAsync("F-1", new ResumeBookmark("answer", "parquet-difaje", task.Id,
            new JsonObject { ["answer"] = "completed", ["outcome"] = "opp" }));
        Assert.Equal("completed", (await FileAsync("F-1")).Status);
    }

    [Fact]
    public async Task A_dry_run_reports_without_writing_anything()
    {
        await PublishAsync(Version(2, Parquet));
        var journal = (await JournalAsync("F-1")).Count;

        var report = await Migrations.DryRunAsync(ToV2(), Owner);

        Assert.False(report.Applied);
        Assert.Equal(FileMigrationStatus.Migrated, Assert.Single(report.Files).Status);
        Assert.Equal("parquet", report.Mapping["parquet"]);
        Assert.Equal(1, (await FileAsync("F-1")).Version);
        Assert.Equal(journal, (await JournalAsync("F-1")).Count);
    }

    [Fact]
    public async Task A_longer_deadline_moves_the_kept_tasks_timer_counted_from_when_the_task_was_given()
    {
        await PublishAsync(Version(2, Parquet.Replace("P8D", "P15D")));
        var before = (await FileAsync("F-1")).Bookmarks.Single(b => b.Purpose == "deadline");
        Clock.Now += NodaTime.Duration.FromDays(3);

        var token = Assert.Single(Assert.Single((await Migrations.ApplyAsync(ToV2(), "m-1", Owner)).Files).Tokens);

        Assert.Equal(TokenDisposition.DeadlineMoved, token.Disposition);
        var move = Assert.Single(token.Deadlines);
        Assert.Equal(TimeSpan.FromDays(7), move.After - move.Before);
        var after = (await FileAsync("F-1")).Bookmarks.Single(b => b.Purpose == "deadline" && b.ClosedAt == null);
        Assert.Equal((before.Id, before.DueAt!.Value.AddDays(7)), (after.Id, after.DueAt));
        Assert.Equal(move.After, DateTime.Parse(JsonNode.Parse((await TaskAsync()).Data!)!["dueAt"]!.GetValue<string>(),
            null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
        // The start's task and deadline, then the migration's: the old deadline cancelled, the new one set.
        var kinds = (await OutboxAsync()).Select(o => o.Kind).Order().ToList();
        Assert.Equal(["task.assigned", "timer.cancel", "timer.schedule", "timer.schedule"], kinds);
        // The task's row (what lists, the inbox and the Observatoire read) says the new due date, in the same step.
        var row = await QueryAsync(c => c.Tasks.AsNoTracking().SingleAsync(t => t.Id == after.Id || t.FileId == "F-1"));
        Assert.Equal(move.After, row.DueAt);
    }

    [Fact]
    public async Task A_task_mapped_to_another_activity_is_withdrawn_from_its_partner_and_reissued_to_the_new_one()
    {
        await PublishAsync(Version(2, Parquet.Replace("\"parquet\"", "\"parquet-mineurs\"").Replace("parquet-difaje", "parquet-mineurs")));
        var old = await TaskAsync();

        var token = Assert.Single(Assert.Single((await Migrations.ApplyAsync(ToV2(new() { ["parquet"] = "parquet-mineurs" }), "m-1", Owner)).Files).Tokens);

        Assert.Equal((TokenDisposition.Reissued, "parquet-mineurs"), (token.Disposition, token.To));
        Assert.Equal(old.Id.ToString(), Assert.Single(token.Cancelled).Id);
        var assigned = Assert.Single(token.Assigned);
        Assert.Equal("parquet-mineurs", assigned.Addressee);
        var messages = (await OutboxAsync()).Where(o => o.Kind.StartsWith("task.", StringComparison.Ordinal)).Select(o => $"{o.Kind} {o.Destination}").Order().ToList();
        Assert.Equal(["task.assigned parquet-difaje", "task.assigned parquet-mineurs", "task.withdrawn parquet-difaje"], messages);
        var now = await TaskAsync();
        Assert.Equal(("parquet-mineurs", assigned.Id), (now.ActivityId, now.Id.ToString()));
        // Closed bookmarks are filtered out of queries: the old task no longer waits.
        Assert.DoesNotContain((await FileAsync("F-1")).Bookmarks, b => b.Id == old.Id);
    }

    [Fact]
    public async Task A_file_whose_task_has_no_place_in_the_new_version_stays_with_the_reason()
    {
        await PublishAsync(Version(2, Parquet.Replace("\"parquet\"", "\"autre\"")));

        var file = Assert.Single((await Migrations.ApplyAsync(ToV2(), "m-1", Owner)).Files);

        Assert.Equal(FileMigrationStatus.Refused, file.Status);
        Assert.Contains("no activity of v2 is mapped for the token waiting at 'parquet'", Assert.Single(file.Reasons));
        Assert.Equal(1, (await FileAsync("F-1")).Version);
        Assert.DoesNotContain(await JournalAsync("F-1"), j => j.Kind == FileMigrator.JournalKind);
    }

    [Fact]
    public async Task A_waiting_task_cannot_be_carried_to_an_activity_of_another_type()
    {
        await PublishAsync(Version(2, Parquet.Replace("\"parquet\"", "\"demande\""), timer: "attente"));

        var file = Assert.Single((await Migrations.DryRunAsync(ToV2(new() { ["parquet"] = "attente" }), Owner)).Files);

        Assert.Equal(FileMigrationStatus.Refused, file.Status);
        Assert.Contains("can only be carried to one of the same type", Assert.Single(file.Reasons));
    }

    [Fact]
    public async Task Applying_the_same_migration_twice_does_nothing_the_second_time()
    {
        await PublishAsync(Version(2, Parquet));
        await Migrations.ApplyAsync(ToV2(), "m-1", Owner);
        var journal = (await JournalAsync("F-1")).Count;

        var again = await Migrations.ApplyAsync(ToV2(), "m-1", Owner);

        Assert.Equal(FileMigrationStatus.AlreadyMigrated, Assert.Single(again.Files).Status);
        Assert.Equal(journal, (await JournalAsync("F-1")).Count);
    }

    [Fact]
    public async Task A_plain_update_of_a_files_version_is_still_refused_by_the_database()
    {
        await PublishAsync(Version(2, Parquet));

        Assert.Contains("pinned", (await RefusedAsync("UPDATE files SET version = 2 WHERE id = 'F-1'")).Message);
        await Migrations.ApplyAsync(ToV2(), "m-1", Owner);
        // The migration's row sanctions one change, to one revision: not a later one back.
        Assert.Contains("pinned", (await RefusedAsync("UPDATE files SET version = 1 WHERE id = 'F-1'")).Message);
        Assert.Contains("pinned", (await RefusedAsync("UPDATE files SET version = 1, revision = revision + 1 WHERE id = 'F-1'")).Message);
        Assert.Contains("append-only", (await RefusedAsync("DELETE FROM file_migrations")).Message);
    }

    [Fact]
    public async Task Migrating_to_a_version_that_is_not_published_is_refused()
    {
        await Definitions.SaveDraftAsync(Version(2, Parquet), "owner");

        await Assert.ThrowsAsync<DefinitionConflictException>(() => Migrations.DryRunAsync(ToV2(), Owner));
    }
}
