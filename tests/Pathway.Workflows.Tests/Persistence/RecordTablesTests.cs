using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// The <c>tasks</c> table follows a partner's task step by step, in the step's transaction; and the rows of tasks
/// opened before the table existed are written from their bookmarks and journal when the database is migrated.
/// </summary>
public abstract class RecordTablesTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : RecordTablesTests(DatabaseProvider.Postgres);

    public sealed class OnSqlite() : RecordTablesTests(DatabaseProvider.Sqlite);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishAsync(SpecDefinitions.SharesIdentity());
    }

    [Fact]
    public async Task A_task_row_follows_the_task_from_assignment_to_its_answer()
    {
        await StartAsync("file-1");
        var assigned = await TaskRowAsync("file-1");
        Assert.Equal(("parquet", "parquet-difaje", "task", TaskStatuses.Assigned), (assigned.ActivityId, assigned.Assignee, assigned.Purpose, assigned.Status));
        Assert.Equal(("C. civ. 375-5", "calendar"), (assigned.LegalBasis, assigned.Counting));
        Assert.Equal(Clock.Now.ToDateTimeUtc(), assigned.AssignedAt);
        Assert.True(assigned.AcknowledgeBy > assigned.AssignedAt && assigned.DueAt > assigned.AcknowledgeBy);
        Assert.Null(assigned.ClosedAt);

        Clock.Advance(Duration.FromHours(1));
        await AcknowledgeAsync("file-1", assigned.Id);
        var acknowledged = await TaskRowAsync("file-1");
        Assert.Equal((TaskStatuses.Acknowledged, Clock.Now.ToDateTimeUtc()), (acknowledged.Status, acknowledged.AcknowledgedAt));

        Clock.Advance(Duration.FromHours(1));
        await CompleteAsync("file-1", assigned.Id);
        var completed = await TaskRowAsync("file-1");
        Assert.Equal((TaskStatuses.Completed, "opp", "parquet-difaje"), (completed.Status, completed.Outcome, completed.ClosedBy));
        Assert.Equal(Clock.Now.ToDateTimeUtc(), completed.ClosedAt);
    }

    [Fact]
    public async Task Tasks_opened_before_the_table_get_their_rows_at_migration_once()
    {
        // One task left open (acknowledged), one answered; then their rows are taken away, as before the migration.
        await StartAsync("file-1");
        await StartAsync("file-2");
        Clock.Advance(Duration.FromHours(1));
        await AcknowledgeAsync("file-1", (await TaskRowAsync("file-1")).Id);
        await AcknowledgeAsync("file-2", (await TaskRowAsync("file-2")).Id);
        Clock.Advance(Duration.FromHours(1));
        await CompleteAsync("file-2", (await TaskRowAsync("file-2")).Id);
        var open = await TaskRowAsync("file-1");
        var answered = await TaskRowAsync("file-2");
        await SqlAsync("DELETE FROM tasks");
        await SqlAsync("INSERT INTO pending_record_backfill (id, since) VALUES (1, CURRENT_TIMESTAMP)");

        await Database.MigrateAsync();

        // What the bookmarks and the journal say is written back; the counting rule, which they never held, is not.
        Assert.Equivalent(Without(open, counting: true), Without(await TaskRowAsync("file-1"), counting: true));
        Assert.Equivalent(Without(answered, counting: true), Without(await TaskRowAsync("file-2"), counting: true));
        Assert.Null((await TaskRowAsync("file-1")).Counting);
        Assert.Equal(0, await QueryAsync(c => c.PendingRecordBackfill.CountAsync()));

        // Done once: a later start-up finds no marker and writes nothing, even for a row taken away since.
        await SqlAsync("DELETE FROM tasks WHERE file_id = 'file-1'");
        await Database.MigrateAsync();
        Assert.False(await QueryAsync(c => c.Tasks.AnyAsync(t => t.FileId == "file-1")));
    }

    private static object Without(TaskRow row, bool counting) => new
    {
        row.Id, row.FileId, row.ActivityId, row.Assignee, row.Purpose, row.Status, row.Outcome, row.AssignedAt, row.AcknowledgeBy,
        row.AcknowledgedAt, row.DueAt, row.LegalBasis, Counting = counting ? null : row.Counting, row.ClosedAt, row.ClosedBy,
    };

    private Task StartAsync(string fileId) =>
        Runner.StartAsync(SpecDefinitions.SharesIdentity().Id, fileId, new StartFile($"intake-{fileId}", "user:intake",
            new Dictionary<string, JsonNode?> { ["prenom"] = "Léa", ["nom"] = "Martin", ["dateNaissance"] = "2010-03-14" }));

    private Task AcknowledgeAsync(string fileId, Guid task) =>
        Runner.ApplyAsync(fileId, new ResumeBookmark($"ack-{fileId}", "parquet-difaje", task, new JsonObject { ["answer"] = "accepted" }));

    private Task CompleteAsync(string fileId, Guid task) =>
        Runner.ApplyAsync(fileId, new ResumeBookmark($"answer-{fileId}", "parquet-difaje", task,
            new JsonObject { ["answer"] = "completed", ["outcome"] = "opp", ["data"] = new JsonObject { ["observations"] = "RAS" } }));

    private Task<TaskRow> TaskRowAsync(string fileId) => QueryAsync(c => c.Tasks.AsNoTracking().SingleAsync(t => t.FileId == fileId));
}
