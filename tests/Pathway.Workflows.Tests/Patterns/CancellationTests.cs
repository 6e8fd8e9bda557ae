using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>WCP-16 deferred choice, WCP-19 cancel task, WCP-20 cancel case.</summary>
public sealed class CancellationTests
{
    [Fact]
    public void Wcp16_a_reply_before_the_deadline_wins_and_the_deadline_and_event_are_withdrawn()
    {
        var run = PatternRun.Start("wcp16-deferred-choice");
        Assert.Equal(["deadline", "reply", "runaway"], run.Waiting);
        var deadline = run.BookmarkOf("deadline", BookmarkKind.Timer);

        run.Reply("reply");

        Assert.Equal("reply", run.State.Variables["path"]!.GetValue<string>());
        Assert.Equal(["deadline", "runaway"], run.Withdrawn.Order());
        var cancelled = Assert.Single(run.Last.Effects, e => e.Kind == EffectKinds.CancelTimer);
        Assert.Equal(deadline.Id.ToString(), cancelled.Payload["bookmarkId"]!.GetValue<string>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp16_the_deadline_wins_when_it_fires_first_and_a_late_reply_is_ignored()
    {
        var run = PatternRun.Start("wcp16-deferred-choice");
        var reply = run.BookmarkOf("reply", BookmarkKind.Reply);

        run.FireTimer("deadline");
        Assert.Equal("deadline", run.State.Variables["path"]!.GetValue<string>());

        run.Apply(new ResumeBookmark("late", "partner", reply.Id));
        Assert.True(run.Last.Ignored);
        Assert.Equal("deadline", run.State.Variables["path"]!.GetValue<string>());
    }

    [Fact]
    public void Wcp16_an_event_wins_when_it_comes_first()
    {
        var run = PatternRun.Start("wcp16-deferred-choice").Raise("runaway-declared");

        Assert.Equal("runaway", run.State.Variables["path"]!.GetValue<string>());
        Assert.Equal(["deadline", "reply"], run.Withdrawn.Order());
    }

    [Fact]
    public void A_timer_is_scheduled_in_Paris_time_as_an_effect_when_the_activity_starts_waiting()
    {
        var run = PatternRun.Start("wcp16-deferred-choice");

        var schedule = Assert.Single(run.Effects, e => e.Kind == EffectKinds.ScheduleTimer);
        Assert.Equal(run.Clock.Now.Plus(NodaTime.Duration.FromDays(8)), schedule.DueAt);
        Assert.Equal(run.BookmarkOf("deadline", BookmarkKind.Timer).Id.ToString(), schedule.Payload["bookmarkId"]!.GetValue<string>());
    }

    [Fact]
    public void Wcp19_a_cancelled_task_is_withdrawn_and_the_join_no_longer_waits_for_it()
    {
        var run = PatternRun.Start("wcp19-cancel-task").CancelActivity("report");

        Assert.Equal(["report"], run.Withdrawn);
        Assert.Contains(run.Last.Effects, e => e.Kind == EffectKinds.CancelTimer);
        Assert.Equal(["evaluation"], run.Waiting);

        run.Raise("evaluation-done");

        Assert.Single(run.Completed, "join");
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp19_cancelling_every_branch_lets_the_file_end()
    {
        var run = PatternRun.Start("wcp19-cancel-task").CancelActivity("report").CancelActivity("evaluation");

        Assert.Equal(FileStatus.Completed, run.Status);
        Assert.DoesNotContain("join", run.Completed);
    }

    [Fact]
    public void Wcp20_cancelling_the_file_withdraws_every_activity_and_its_timers()
    {
        var run = PatternRun.Start("wcp20-cancel-case").CancelFile();

        Assert.Equal(FileStatus.Cancelled, run.Status);
        Assert.Empty(run.State.Tokens);
        Assert.Equal(["close", "deadline", "wait"], run.Withdrawn.Order());
        Assert.Single(run.Last.Effects, e => e.Kind == EffectKinds.CancelTimer);
        Assert.Equal(JournalKinds.FileCancelled, run.Journal[^1].Kind);
    }

    [Fact]
    public void Wcp20_an_end_that_terminates_the_file_withdraws_the_other_branches()
    {
        var run = PatternRun.Start("wcp20-cancel-case").Raise("majority");

        Assert.Equal(FileStatus.Completed, run.Status);
        Assert.Equal(["deadline", "wait"], run.Withdrawn.Order());
        Assert.Empty(run.State.Activations);
    }

    [Fact]
    public void A_stimulus_for_a_closed_file_is_ignored_and_changes_nothing()
    {
        var run = PatternRun.Start("wcp20-cancel-case").CancelFile();
        var before = run.State;

        run.Raise("answer", new JsonObject());

        Assert.True(run.Last.Ignored);
        Assert.Same(before, run.State);
    }
}
