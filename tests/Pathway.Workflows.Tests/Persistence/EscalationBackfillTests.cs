using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Activities.Tasks;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// The <c>escalations</c> rows of escalations raised before the table existed are written from their bookmarks and
/// journal when the database is migrated: the same rows the steps wrote, except what that history never said.
/// </summary>
public abstract class EscalationBackfillTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : EscalationBackfillTests(DatabaseProvider.Postgres);

    public sealed class OnSqlite() : EscalationBackfillTests(DatabaseProvider.Sqlite);

    private const string Coordinator = "user:coordination";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishAsync(EscalatingTask);
    }

    [Fact]
    public async Task Escalations_raised_before_the_table_get_the_rows_their_steps_wrote_at_migration()
    {
        // Open at level 1: the partner never acknowledged.
        await StartAsync("unacknowledged");
        // Risen to level 2: acknowledged, then the deadline missed and nobody acted on it.
        await StartAsync("risen");
        // Acted on: the coordinator took it.
        await StartAsync("taken");
        // Closed by the coordinator herself.
        await StartAsync("resolved");

        Clock.Advance(Duration.FromHours(1));
        await AnswerTaskAsync("risen", "accepted");
        Clock.Advance(Duration.FromDays(3));
        foreach (var file in new[] { "unacknowledged", "taken", "resolved" })
            await FireAsync(file, PartnerTask.AcknowledgementPurpose);
        Clock.Advance(Duration.FromDays(6));
        await FireAsync("risen", PartnerTask.DeadlinePurpose);
        Clock.Advance(Duration.FromHours(1));
        await AnswerEscalationAsync("taken", new JsonObject { ["answer"] = "accepted" });
        await AnswerEscalationAsync("resolved", new JsonObject { ["answer"] = "completed", ["outcome"] = "resolved", ["reason"] = "Vu avec le service" });
        Clock.Advance(Duration.FromDays(3));
        await FireAsync("risen", EscalationBookmarks.RisePurpose);

        var written = await EscalationRowsAsync();
        Assert.Equal(5, written.Count);
        Assert.Equal([1, 2], written.Where(e => e.FileId == "risen").Select(e => e.Level).Order());
        Assert.Equal("resolved", Assert.Single(written, e => e.FileId == "resolved").Closure);
        Assert.Equal("acknowledged", Assert.Single(written, e => e.FileId == "taken").LastAction);

        await SqlAsync("DELETE FROM escalations");
        await SqlAsync("INSERT INTO pending_record_backfill (id, since) VALUES (1, CURRENT_TIMESTAMP)");
        await Database.MigrateAsync();

        var backfilled = await EscalationRowsAsync();
        Assert.Equal(written.Select(Comparable), backfilled.Select(Comparable));
        Assert.Equal(0, await QueryAsync(c => c.PendingRecordBackfill.CountAsync()));
    }

    /// <summary>Every column; the closure only where the escalation's holder closed it herself, as the journal then
    /// names it (an escalation closed with its task, or risen, has no answer of its own to read it from).</summary>
    private static object Comparable(EscalationRow row) => new
    {
        row.Id, row.FileId, row.ActivityId, row.Level, row.Role, row.Cause, row.AboutTaskId, row.FromEscalationId, row.RaisedAt,
        row.RisesAt, row.LastAction, row.ActedAt, row.ActedBy, row.ClosedAt, row.ClosedBy,
        Closure = row.ClosedBy is null ? null : row.Closure,
    }.ToString()!;

    private static readonly WorkflowDefinition EscalatingTask = DefinitionJson.Deserialize("""
        {
          "id": "escalating-spec",
          "version": 1,
          "name": "Demande au parquet qui s'escalade",
          "stages": [ { "id": "parquet", "name": "Parquet" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "parquet", "type": "PartnerTask", "stage": "parquet", "inputs": {
                "partner": "parquet-difaje", "title": "Décider des suites du signalement", "outcomes": ["opp"],
                "deadline": { "duration": "P8D", "legalBasis": "C. civ. 375-5" },
                "acknowledgeWithin": { "duration": "P2D" },
                "escalateAfter": "P2D" } },
            { "id": "opp", "type": "End" },
            { "id": "refus", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "parquet" },
            { "source": "parquet", "outcome": "opp", "target": "opp" },
            { "source": "parquet", "outcome": "declined", "target": "refus" }
          ]
        }
        """);

    private Task StartAsync(string fileId) =>
        Runner.StartAsync(EscalatingTask.Id, fileId, new StartFile($"intake-{fileId}", "user:intake", new Dictionary<string, JsonNode?>()));

    private async Task AnswerTaskAsync(string fileId, string answer) =>
        await Runner.ApplyAsync(fileId, new ResumeBookmark($"{answer}-{fileId}", "parquet-difaje",
            await OpenBookmarkAsync(fileId, PartnerTask.TaskPurpose), new JsonObject { ["answer"] = answer }));

    private async Task AnswerEscalationAsync(string fileId, JsonObject answer) =>
        await Runner.ApplyAsync(fileId, new ResumeBookmark($"escalation-{fileId}", Coordinator,
            await OpenBookmarkAsync(fileId, EscalationBookmarks.Purpose), answer));

    /// <summary>Fires the open timer of <paramref name="purpose"/>, as the scheduler does when it is due.</summary>
    private async Task FireAsync(string fileId, string purpose)
    {
        var timer = await OpenBookmarkAsync(fileId, purpose);
        await Runner.ApplyAsync(fileId, new ResumeBookmark("timer:" + timer, "system:timer", timer));
    }

    private Task<Guid> OpenBookmarkAsync(string fileId, string purpose) =>
        QueryAsync(c => c.Bookmarks.IgnoreQueryFilters().Where(b => b.FileId == fileId && b.Purpose == purpose && b.ClosedAt == null)
            .OrderByDescending(b => b.CreatedAt).Select(b => b.Id).FirstAsync());

    private Task<List<EscalationRow>> EscalationRowsAsync() =>
        QueryAsync(c => c.Escalations.AsNoTracking().OrderBy(e => e.FileId).ThenBy(e => e.Level).ToListAsync());
}
