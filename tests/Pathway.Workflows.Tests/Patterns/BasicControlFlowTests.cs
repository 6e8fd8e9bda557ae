using System.Text.Json.Nodes;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>WCP-1 to WCP-5: sequence, parallel split, synchronization, exclusive choice, simple merge.</summary>
public sealed class BasicControlFlowTests
{
    [Fact]
    public void Wcp01_sequence_runs_activities_one_after_the_other_and_completes_the_file()
    {
        var run = PatternRun.Start("wcp01-sequence");

        Assert.Equal(["start", "step-1", "step-2", "step-3", "end"], run.Completed);
        Assert.Equal(3, run.State.Variables["step"]!.GetValue<double>());
        Assert.Equal(FileStatus.Completed, run.Status);
        Assert.Empty(run.State.Tokens);
    }

    [Fact]
    public void Wcp02_parallel_split_starts_every_branch_at_once()
    {
        var run = PatternRun.Start("wcp02-parallel-split");

        Assert.Equal(["wait-crip", "wait-parquet"], run.Waiting);
        Assert.Equal(FileStatus.Running, run.Status);
    }

    [Fact]
    public void Wcp03_synchronization_waits_for_every_branch_before_going_on()
    {
        var run = PatternRun.Start("wcp02-parallel-split").Raise("crip-answered");

        Assert.Equal(["wait-parquet"], run.Waiting);
        Assert.DoesNotContain("join", run.Completed);

        run.Raise("parquet-answered");

        Assert.Single(run.Completed, "join");
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Theory]
    [InlineData("serious", "to-parquet", "parquet")]
    [InlineData("moderate", "to-evaluation", "evaluation")]
    public void Wcp04_exclusive_choice_takes_exactly_one_path(string danger, string taken, string route)
    {
        var run = PatternRun.Start("wcp04-exclusive-choice", ("danger", danger));

        Assert.Contains(taken, run.Completed);
        Assert.DoesNotContain(taken == "to-parquet" ? "to-evaluation" : "to-parquet", run.Completed);
        Assert.Equal(route, run.State.Variables["route"]!.GetValue<string>());
    }

    [Fact]
    public void Wcp05_simple_merge_runs_the_merging_activity_once_for_the_path_taken()
    {
        var run = PatternRun.Start("wcp04-exclusive-choice", ("danger", "serious"));

        Assert.Single(run.Completed, "inform");
        Assert.True(run.State.Variables["informed"]!.GetValue<bool>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Every_step_is_journaled_with_time_actor_and_stimulus()
    {
        var run = PatternRun.Start("wcp01-sequence");

        Assert.All(run.Journal, e =>
        {
            Assert.Equal(run.Clock.Now, e.At);
            Assert.Equal("test", e.Actor);
            Assert.Equal("s0", e.StimulusId);
        });
        Assert.Equal(
            [JournalKinds.StimulusReceived, JournalKinds.FileStarted, JournalKinds.ActivityEntered, JournalKinds.ActivityCompleted],
            run.Journal.Take(4).Select(e => e.Kind));
        Assert.Equal("done", run.Journal.First(e => e.Kind == JournalKinds.ActivityCompleted).Data!["outcome"]!.GetValue<string>());
        var change = run.Journal.First(e => e.Kind == JournalKinds.VariableChanged);
        Assert.Equal("step-1", change.ActivityId);
        Assert.Equal("step", change.Data!["variable"]!.GetValue<string>());
        Assert.Equal(JournalKinds.FileCompleted, run.Journal[^1].Kind);
    }

    [Fact]
    public void An_undeclared_initial_variable_is_rejected_before_anything_happens()
    {
        var error = Assert.Throws<StimulusRejectedException>(() => PatternRun.Start("wcp01-sequence", ("name", JsonValue.Create("x"))));

        Assert.Contains("'name' is not declared", error.Message);
    }

    [Fact]
    public void An_initial_value_outside_a_choice_variable_is_rejected_without_quoting_the_value()
    {
        var error = Assert.Throws<StimulusRejectedException>(() => PatternRun.Start("wcp04-exclusive-choice", ("danger", "extrême")));

        Assert.Equal("Variable 'danger' only takes one of: serious, moderate.", error.Message);
    }
}
