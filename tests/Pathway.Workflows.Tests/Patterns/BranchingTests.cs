using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>WCP-6, 7, 8, 9, 11, 28 and 29: multi-choice, structured synchronizing merge, multi-merge, structured
/// discriminator, implicit termination, blocking and cancelling discriminators.</summary>
public sealed class BranchingTests
{
    [Fact]
    public void Wcp06_multi_choice_starts_every_branch_whose_condition_holds()
    {
        var run = PatternRun.Start("wcp06-multi-choice", ("placement", true), ("psycho", true));

        Assert.Contains("placement", run.Completed);
        Assert.Contains("psycho", run.Completed);
        Assert.DoesNotContain("aemo", run.Completed);
        Assert.DoesNotContain("none", run.Completed);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp06_multi_choice_takes_the_default_branch_when_no_condition_holds()
    {
        var run = PatternRun.Start("wcp06-multi-choice");

        Assert.Equal(["start", "measures", "none"], run.Completed);
    }

    [Fact]
    public void Wcp07_synchronizing_merge_waits_only_for_the_branches_that_started()
    {
        var run = PatternRun.Start("wcp07-synchronizing-merge", ("aemo", true), ("psycho", true));
        Assert.Equal(["aemo", "psycho"], run.Waiting);

        run.Raise("aemo-report");
        Assert.DoesNotContain("join", run.Completed);

        run.Raise("psycho-report");
        Assert.Single(run.Completed, "join");
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp07_synchronizing_merge_goes_on_at_once_when_only_the_default_branch_ran()
    {
        var run = PatternRun.Start("wcp07-synchronizing-merge");

        Assert.Equal(["start", "measures", "none", "join", "end"], run.Completed);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp08_multi_merge_runs_the_merging_activity_once_for_each_branch_that_reaches_it()
    {
        var run = PatternRun.Start("wcp08-multi-merge").Raise("school-report");
        Assert.Equal(1, run.State.Variables["notices"]!.GetValue<double>());
        Assert.Equal(["health"], run.Waiting);
        Assert.Equal(FileStatus.Running, run.Status);

        run.Raise("health-report");

        Assert.Equal(2, run.State.Variables["notices"]!.GetValue<double>());
        Assert.Equal(2, run.Completed.Count(a => a == "notice"));
        Assert.Equal(2, run.Completed.Count(a => a == "end"));
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp09_discriminator_goes_on_with_the_first_branch_and_keeps_the_others_running()
    {
        var run = PatternRun.Start("wcp09-discriminator").Raise("found-by-astheriia");

        Assert.Single(run.Completed, "join");
        Assert.Equal(1, run.State.Variables["interviews"]!.GetValue<double>());
        Assert.Equal(["home", "police"], run.Waiting);
        Assert.Equal(FileStatus.Running, run.Status);
    }

    [Fact]
    public void Wcp09_discriminator_absorbs_later_branches_and_resets_once_all_arrived()
    {
        var run = PatternRun.Start("wcp09-discriminator")
            .Raise("found-by-astheriia").Raise("found-by-police").Raise("found-by-home");

        Assert.Single(run.Completed, "join");
        Assert.Equal(1, run.State.Variables["interviews"]!.GetValue<double>());
        Assert.Empty(run.State.Activations);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp11_implicit_termination_closes_the_file_when_the_last_branch_ends()
    {
        var run = PatternRun.Start("wcp11-implicit-termination");
        Assert.Contains("end-inform", run.Completed);
        Assert.Equal(FileStatus.Running, run.Status);

        run.Raise("follow-up-done");

        Assert.Equal(FileStatus.Completed, run.Status);
        Assert.Equal(JournalKinds.FileCompleted, run.Journal[^1].Kind);
    }

    /// <summary>The discriminator of WCP-9, changed by <paramref name="change"/> (its JSON document).</summary>
    private static WorkflowDefinition Discriminator(Action<JsonNode> change)
    {
        var document = JsonNode.Parse(DefinitionJson.Serialize(PatternRun.Load("wcp09-discriminator")))!;
        change(document);
        return DefinitionJson.Deserialize(document.ToJsonString());
    }

    [Fact]
    public void Wcp29_cancelling_discriminator_goes_on_with_the_first_branch_and_withdraws_the_others()
    {
        var cancelling = Discriminator(d =>
            d["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "join")!["inputs"]!["cancelRemaining"] = true);

        var run = PatternRun.Start(cancelling).Raise("found-by-police");

        Assert.Single(run.Completed, "join");
        Assert.Equal(["astheriia", "home"], run.Withdrawn.Order(StringComparer.Ordinal));
        Assert.Equal(1, run.State.Variables["interviews"]!.GetValue<double>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    /// <summary>WCP-28 loops back to the split after the join: a second search while the first one's late branches
    /// are still out. Each pass through the fork opens a round with its own discriminator.</summary>
    private static readonly WorkflowDefinition TwoSearches = Discriminator(d =>
    {
        d["activities"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "again", "type": "Decision", "inputs": { "condition": { "<": [ { "var": "interviews" }, 2 ] } } }
            """));
        var connections = d["connections"]!.AsArray();
        connections.Single(c => c!["source"]!.GetValue<string>() == "interview")!["target"] = "again";
        connections.Add(JsonNode.Parse("""{ "source": "again", "outcome": "true", "target": "fork" }"""));
        connections.Add(JsonNode.Parse("""{ "source": "again", "outcome": "false", "target": "end" }"""));
    });

    [Fact]
    public void Wcp28_each_round_has_its_own_discriminator_so_a_late_branch_of_the_first_never_fires_the_second()
    {
        var run = PatternRun.Start(TwoSearches).Raise("found-by-astheriia");
        Assert.Equal(1, run.State.Variables["interviews"]!.GetValue<double>());
        // Round 2 is out; round 1's police and home are still waiting.
        Assert.Equal(["astheriia", "home", "home", "police", "police"], run.Waiting);

        // One event reaches the police of both rounds: round 1's is absorbed by round 1's join, round 2's fires round 2's.
        run.Raise("found-by-police");

        Assert.Equal(2, run.State.Variables["interviews"]!.GetValue<double>());
        Assert.Equal(2, run.Completed.Count(a => a == "join"));
        Assert.Equal(["astheriia", "home", "home"], run.Waiting);

        run.Raise("found-by-home").Raise("found-by-astheriia");

        Assert.Equal(2, run.State.Variables["interviews"]!.GetValue<double>());
        Assert.Empty(run.State.Activations);
        Assert.Equal(FileStatus.Completed, run.Status);
    }
}
