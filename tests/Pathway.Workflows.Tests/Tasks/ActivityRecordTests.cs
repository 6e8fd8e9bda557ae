using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;

namespace Pathway.Workflows.Tests.Tasks;

/// <summary>
/// Each transition of a partner's task and of its escalation states its record in the step's result, stamped with the
/// activity, the step's time and who caused it (the parquet's task of <see cref="TaskSpec"/>).
/// </summary>
public sealed class ActivityRecordTests
{
    private const string Coordination = "amicale-du-nid-93";

    [Fact]
    public void Assigning_a_task_records_its_partner_and_deadlines()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");

        var assigned = Assert.IsType<TaskAssigned>(Assert.Single(run.Last.Records));
        Assert.Equal(task.Id, assigned.TaskId);
        Assert.Equal("parquet", assigned.ActivityId);
        Assert.Equal(run.Clock.GetCurrentInstant(), assigned.At);
        Assert.Equal("parquet-difaje", assigned.Partner);
        Assert.Equal("task", assigned.Purpose);
        Assert.Equal(run.Waiting("deadline").DueAt, assigned.DueAt);
        Assert.Equal(run.Waiting("acknowledgement").DueAt, assigned.AcknowledgeBy);
        Assert.Equal("C. civ. 375-5", assigned.LegalBasis);
        Assert.Equal("calendar", assigned.Counting);
    }

    [Fact]
    public void The_partner_acknowledging_completing_or_declining_records_it()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");

        run.Answer(task, new JsonObject { ["answer"] = "accepted" });
        var acknowledged = Assert.IsType<TaskAcknowledged>(Assert.Single(run.Last.Records));
        Assert.Equal((task.Id, "parquet-difaje"), (acknowledged.TaskId, acknowledged.Actor));

        run.Answer(task, new JsonObject { ["answer"] = "completed", ["outcome"] = "opp", ["data"] = new JsonObject { ["dateOpp"] = "2026-07-12" } });
        Assert.Equal(new TaskCompleted(task.Id, "opp"), Assert.Single(run.Last.Records) with { ActivityId = "", At = default, Actor = "" });

        var declined = TaskSpec.Start();
        var other = declined.Waiting("task");
        declined.Answer(other, new JsonObject { ["answer"] = "declined", ["reason"] = "Hors compétence" });
        Assert.Equal(other.Id, Assert.IsType<TaskDeclined>(Assert.Single(declined.Last.Records)).TaskId);
    }

    [Fact]
    public void No_acknowledgement_in_time_raises_an_escalation_about_the_task_which_a_missed_deadline_replaces()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");

        run.Fire("acknowledgement");
        var raised = Assert.IsType<EscalationRaised>(Assert.Single(run.Last.Records));
        Assert.Equal(run.Waiting("escalation").Id, raised.EscalationId);
        Assert.Equal(("role:coordination", EscalationCauses.NoAcknowledgement, task.Id), (raised.Role, raised.Cause, raised.AboutTaskId));
        Assert.Equal(run.Waiting("escalation-rise").DueAt, raised.RisesAt);
        Assert.Equal("system:timer", raised.Actor);

        var first = raised.EscalationId;
        run.Fire("reminder").Fire("deadline");
        Assert.Collection(run.Last.Records,
            r => Assert.Equal(new EscalationClosed(first, EscalationClosures.Replaced), Stripped(r)),
            r => Assert.Equal((EscalationCauses.DeadlineMissed, task.Id), (((EscalationRaised)r).Cause, ((EscalationRaised)r).AboutTaskId)));
    }

    [Fact]
    public void An_escalation_nobody_acts_on_rises_to_the_inspection_from_the_level_1_one()
    {
        var (run, task, level1) = Overdue();

        run.Fire("escalation-rise");

        var risen = Assert.IsType<EscalationRisen>(Assert.Single(run.Last.Records));
        Assert.Equal((level1.Id, "role:inspection", EscalationCauses.DeadlineMissed, task.Id),
            (risen.FromEscalationId, risen.Role, risen.Cause, risen.AboutTaskId));
        Assert.Equal(run.State.Tokens.SelectMany(t => t.Bookmarks).Single(b => b.Addressee == "role:inspection").Id, risen.EscalationId);
    }

    [Theory]
    [InlineData(null, EscalationActions.Acknowledged)]
    [InlineData("reminded", EscalationActions.Reminded)]
    public void Acting_on_an_escalation_records_the_action_and_who_acted(string? outcome, string action)
    {
        var (run, _, escalation) = Overdue();

        run.Answer(escalation, new JsonObject { ["answer"] = "accepted", ["outcome"] = outcome }, actor: Coordination);

        var acted = Assert.IsType<EscalationActedOn>(Assert.Single(run.Last.Records));
        Assert.Equal((escalation.Id, action, Coordination), (acted.EscalationId, acted.Action, acted.Actor));
    }

    [Fact]
    public void Extending_closes_the_escalation_and_moves_the_task_s_due_date()
    {
        var (run, task, escalation) = Overdue();

        run.Answer(escalation, new JsonObject
        {
            ["answer"] = "completed", ["outcome"] = "extended", ["reason"] = "Audience reportée", ["data"] = new JsonObject { ["extension"] = "P8D" },
        }, actor: Coordination);

        Assert.Equal<ActivityRecord>(
            [new EscalationClosed(escalation.Id, EscalationClosures.Extended), new TaskDeadlineMoved(task.Id, Instant.FromUtc(2026, 7, 29, 22, 0))],
            run.Last.Records.Select(Stripped));
    }

    [Fact]
    public void Reassigning_closes_the_escalation_withdraws_the_task_and_assigns_a_new_one()
    {
        var (run, task, escalation) = Overdue();

        run.Answer(escalation, new JsonObject
        {
            ["answer"] = "completed", ["outcome"] = "reassigned", ["reason"] = "Le parquet de permanence est saisi.",
            ["data"] = new JsonObject { ["partner"] = "juge-des-enfants" },
        }, actor: Coordination);

        var newTask = run.Waiting("task");
        Assert.Collection(run.Last.Records,
            r => Assert.Equal(new TaskWithdrawn(task.Id), Stripped(r)),
            r => Assert.Equal(new EscalationClosed(escalation.Id, EscalationClosures.Reassigned), Stripped(r)),
            r => Assert.Equal((newTask.Id, "juge-des-enfants"), (((TaskAssigned)r).TaskId, ((TaskAssigned)r).Partner)));
    }

    [Fact]
    public void A_late_answer_completes_the_task_and_closes_every_level()
    {
        var (run, task, _) = Overdue();
        run.Fire("escalation-rise");
        var levels = run.State.Tokens.SelectMany(t => t.Bookmarks).Where(b => b.Purpose == "escalation").Select(b => b.Id).ToHashSet();

        run.Answer(task, new JsonObject { ["answer"] = "completed", ["outcome"] = "classement" });

        Assert.Equal(new TaskCompleted(task.Id, "classement"), Stripped(run.Last.Records[0]));
        Assert.Equal(levels, run.Last.Records.Skip(1).Cast<EscalationClosed>().Select(c => c.EscalationId).ToHashSet());
        Assert.All(run.Last.Records.Skip(1).Cast<EscalationClosed>(), c => Assert.Equal(EscalationClosures.Answered, c.Closure));
    }

    [Fact]
    public void Resolving_closes_the_escalation_answered()
    {
        var (run, _, escalation) = Overdue();

        run.Answer(escalation, new JsonObject { ["answer"] = "completed", ["outcome"] = "resolved" }, actor: Coordination);

        Assert.Equal(new EscalationClosed(escalation.Id, EscalationClosures.Resolved), Stripped(Assert.Single(run.Last.Records)));
    }

    [Fact]
    public void Timers_that_change_nothing_record_nothing()
    {
        var run = TaskSpec.Start();
        run.Answer(run.Waiting("task"), new JsonObject { ["answer"] = "accepted" });

        run.Fire("reminder");

        Assert.Empty(run.Last.Records);
    }

    private static ActivityRecord Stripped(ActivityRecord record) => record with { ActivityId = "", At = default, Actor = "" };

    private static (PatternRun Run, Bookmark Task, Bookmark Escalation) Overdue()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");
        run.Answer(task, new JsonObject { ["answer"] = "accepted" }).Fire("reminder").Fire("deadline");
        return (run, run.Waiting("task"), run.Waiting("escalation"));
    }
}
