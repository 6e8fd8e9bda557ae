using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>
/// An answer reaches exactly one instance: the one whose task id (its reply bookmark) it names, whether the
/// instances are the tasks of one <c>ForEachPartner</c> or the tokens of several branches that reached the same
/// <c>PartnerTask</c>. What is addressed to an activity, not to a task, reaches every instance: a
/// <c>CancelActivity</c> withdraws them all, an event wakes every instance waiting for it.
/// </summary>
public sealed class InstanceAddressingTests
{
    private static readonly JsonObject Present = new() { ["answer"] = "completed", ["outcome"] = "present" };

    [Fact]
    public void An_answer_to_one_instance_leaves_the_others_open_with_their_tasks_and_timers()
    {
        var run = PatternRun.Start(PatternRun.Load("wcp14-multiple-instances"),
            ("services", new JsonArray("crip-93", "pjj-93", "ase-93")), ("motif", "fugue"));
        var before = run.TasksOf("convene").Where(t => t.Addressee != "pjj-93").Select(t => t.Id).ToList();

        run.AnswerTask("convene", "pjj-93", Present);

        Assert.Equal(before, run.TasksOf("convene").Select(t => t.Id));
        Assert.Equal(["convene"], run.Waiting);
        Assert.DoesNotContain("convene", run.Completed);
        Assert.DoesNotContain(run.Last.Effects, e => e.Kind is EffectKinds.CancelTimer or MessageTypes.TaskWithdrawn);
        var completed = Assert.Single(run.Last.Records);
        Assert.Equal(run.Journal.Last(e => e.Kind == JournalKinds.ActivityResumed).Data!["bookmarkId"]!.GetValue<string>(),
            Assert.IsType<TaskCompleted>(completed).TaskId.ToString());
    }

    /// <summary>Three branches of a fork reach one partner task (a multi-merge, WCP-8): three tokens, three tasks.</summary>
    private static readonly WorkflowDefinition ThreeBranchesIntoOneTask = DefinitionJson.Deserialize("""
        {
          "id": "three-branches-one-task", "version": 1, "name": "Trois branches, une demande",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "fork", "type": "Fork", "inputs": { "branches": [ "a", "b", "c" ] } },
            { "id": "ask", "type": "PartnerTask", "inputs": { "partner": "crip-93", "title": "Évaluer", "outcomes": [ "present" ] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "fork" },
            { "source": "fork", "outcome": "a", "target": "ask" },
            { "source": "fork", "outcome": "b", "target": "ask" },
            { "source": "fork", "outcome": "c", "target": "ask" },
            { "source": "ask", "outcome": "present", "target": "end" },
            { "source": "ask", "outcome": "declined", "target": "end" }
          ]
        }
        """);

    [Fact]
    public void Three_branches_into_one_partner_task_are_three_tasks_and_an_answer_completes_only_its_own()
    {
        var run = PatternRun.Start(ThreeBranchesIntoOneTask);
        var tasks = run.State.Tokens.SelectMany(t => t.Bookmarks).Where(b => b.Kind == BookmarkKind.Reply).Select(b => b.Id).ToList();
        Assert.Equal(3, tasks.Distinct().Count());
        Assert.Equal(3, run.Effects.Count(e => e.Kind == MessageTypes.TaskAssigned));

        run.Apply(new ResumeBookmark(run.NextId(), "crip-93", tasks[1], Present.DeepClone().AsObject()));

        Assert.Equal(["ask", "ask"], run.Waiting);
        Assert.Equal([tasks[0], tasks[2]], run.State.Tokens.SelectMany(t => t.Bookmarks).Select(b => b.Id));
        Assert.Single(run.Completed, "end");
        Assert.Equal(FileStatus.Running, run.Status);
    }

    [Fact]
    public void Cancelling_an_activity_withdraws_every_instance_of_it()
    {
        var run = PatternRun.Start(ThreeBranchesIntoOneTask);

        run.CancelActivity("ask");

        Assert.Equal(3, run.Last.Effects.Count(e => e.Kind == MessageTypes.TaskWithdrawn));
        Assert.Equal(FileStatus.Completed, run.Status);
    }
}
