using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// The tasks of a <c>ForEachPartner</c> are rows of their own, in the <c>tasks</c> table and among the open
/// bookmarks the host checks answers against: one per partner, each answered, and closed, on its own.
/// </summary>
public abstract class ForEachPartnerRowsTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : ForEachPartnerRowsTests(DatabaseProvider.Postgres);

    public sealed class OnSqlite() : ForEachPartnerRowsTests(DatabaseProvider.Sqlite);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishAsync(PatternRun.Load("wcp14-multiple-instances"));
        await Runner.StartAsync("wcp14-multiple-instances", "file-1", new StartFile("start-1", "user:coordination",
            new Dictionary<string, JsonNode?> { ["services"] = new JsonArray("crip-93", "pjj-93", "ase-93"), ["motif"] = "fugue" }));
    }

    [Fact]
    public async Task Each_partner_has_a_task_row_and_an_open_bookmark_of_its_own()
    {
        var tasks = await TasksAsync();

        Assert.Equal(["ase-93", "crip-93", "pjj-93"], tasks.Select(t => t.Assignee));
        Assert.Equal(3, tasks.Select(t => t.Id).Distinct().Count());
        Assert.All(tasks, t => Assert.Equal((TaskStatuses.Assigned, "convene"), (t.Status, t.ActivityId)));
        Assert.Equal(tasks.Select(t => (t.Id, (string?)t.Assignee)), (await OpenRepliesAsync()).Select(b => (b.Id, b.Addressee)));
    }

    [Fact]
    public async Task An_answer_closes_its_own_task_row_and_bookmark_and_no_other()
    {
        var pjj = (await TasksAsync()).Single(t => t.Assignee == "pjj-93");

        await Runner.ApplyAsync("file-1", new ResumeBookmark("answer-pjj", "pjj-93", pjj.Id,
            new JsonObject { ["answer"] = "completed", ["outcome"] = "present" }));

        var tasks = await TasksAsync();
        Assert.Equal([TaskStatuses.Assigned, TaskStatuses.Assigned, TaskStatuses.Completed], tasks.Select(t => t.Status));
        Assert.Equal(("present", "pjj-93"), (tasks[2].Outcome, tasks[2].ClosedBy));
        Assert.Equal(["ase-93", "crip-93"], (await OpenRepliesAsync()).Select(b => b.Addressee));
    }

    private Task<List<TaskRow>> TasksAsync() =>
        QueryAsync(c => c.Tasks.AsNoTracking().Where(t => t.FileId == "file-1").OrderBy(t => t.Assignee).ToListAsync());

    private Task<List<BookmarkRow>> OpenRepliesAsync() =>
        QueryAsync(c => c.Bookmarks.AsNoTracking().Where(b => b.FileId == "file-1" && b.Addressee != null && b.ClosedAt == null).OrderBy(b => b.Addressee).ToListAsync());
}
