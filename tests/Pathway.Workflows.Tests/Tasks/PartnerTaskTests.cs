using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Tasks;

/// <summary>
/// A partner task: the message the partner receives, its answers, its deadline, reminder and escalations.
/// The file opens on Friday 10 July 2026 at 10:00 in Paris; the parquet has 8 days (C. civ. 375-5).
/// </summary>
public sealed class PartnerTaskTests
{
    [Fact]
    public void The_partner_receives_the_task_with_the_fields_it_declares_and_nothing_else()
    {
        var run = TaskSpec.Start();

        var message = Assert.Single(run.Sent(MessageTypes.TaskAssigned));
        Assert.Equal("parquet-difaje", message.Destination);
        var data = message.Payload["data"]!.AsObject();
        Assert.Equal(["dateNaissance", "prenom"], data.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Martin", message.Payload.ToJsonString());
        Assert.Equal(run.Waiting(global::Pathway.Activities.Tasks.PartnerTask.TaskPurpose).Id.ToString(), message.Payload["taskId"]!.GetValue<string>());
        Assert.Equal("file-1", message.Payload["fileRef"]!.GetValue<string>());
        // 10 July + 8 days = Saturday 18 July, rolled to Monday 20 July, which ends at midnight in Paris.
        Assert.Equal("2026-07-20T22:00:00Z", message.Payload["dueAt"]!.GetValue<string>());
        Assert.Equal("jusqu'au lundi 20 juillet 2026 inclus", message.Payload["dueText"]!.GetValue<string>());
        Assert.Equal("C. civ. 375-5", message.Payload["legalBasis"]!.GetValue<string>());
        // Two working days, 14 July being a holiday: Monday 13 and Wednesday 15.
        Assert.Equal("2026-07-15T22:00:00Z", message.Payload["acknowledgeBy"]!.GetValue<string>());
        Assert.Equal(["opp", "classement"], message.Payload["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
    }

    [Fact]
    public void The_task_waits_on_its_answer_its_acknowledgement_its_reminder_and_its_deadline()
    {
        var run = TaskSpec.Start();

        Assert.Equal(["acknowledgement", "deadline", "reminder", "task"], run.Purposes());
        Assert.Equal("2026-07-18T22:00:00Z", run.Waiting("reminder").DueAt.ToString());
        Assert.Equal(3, run.Sent(EffectKinds.ScheduleTimer).Count);
        Assert.Equal("parquet-difaje", run.Waiting("task").Addressee);
    }

    [Fact]
    public void An_acknowledgement_keeps_the_task_and_its_id_and_stops_the_acknowledgement_deadline()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");
        var acknowledgement = run.Waiting("acknowledgement");

        run.Answer(task, new JsonObject { ["answer"] = "accepted" });

        Assert.Equal(["deadline", "reminder", "task"], run.Purposes());
        Assert.Equal(task.Id, run.Waiting("task").Id);
        Assert.True(run.Waiting("task").Data!["accepted"]!.GetValue<bool>());
        var cancel = Assert.Single(run.Sent(EffectKinds.CancelTimer));
        Assert.Equal(acknowledgement.Id.ToString(), cancel.Payload["bookmarkId"]!.GetValue<string>());
        Assert.Empty(run.Sent(EffectKinds.ScheduleTimer));
    }

    [Fact]
    public void A_completed_answer_takes_its_outcome_fills_the_variables_it_maps_and_withdraws_the_timers()
    {
        var run = TaskSpec.Start();

        run.Answer(run.Waiting("task"), new JsonObject
        {
            ["answer"] = "completed", ["outcome"] = "opp", ["data"] = new JsonObject { ["dateOpp"] = "2026-07-12" },
        });

        Assert.Equal(FileStatus.Completed, run.Status);
        Assert.Contains("opp", run.Completed);
        Assert.Equal("2026-07-12", run.State.Variables["dateOpp"]!.GetValue<string>());
        Assert.Equal(3, run.Sent(EffectKinds.CancelTimer).Count);
    }

    [Theory]
    [InlineData("""{ "answer": "completed", "outcome": "placement" }""", "The outcome is not one of this task's: opp, classement.")]
    [InlineData("""{ "answer": "completed" }""", "missing field 'outcome'")]
    [InlineData("""{ "answer": "declined" }""", "missing field 'reason'")]
    [InlineData("""{ "answer": "done" }""", "field 'answer' must be accepted, completed or declined")]
    [InlineData("""{ "answer": "completed", "outcome": "opp", "data": { "dateOpp": 12 } }""", "Field 'dateOpp' does not fit variable 'dateOpp'")]
    public void An_answer_that_does_not_fit_the_task_is_rejected_and_changes_nothing(string answer, string reason)
    {
        var run = TaskSpec.Start();
        var before = run.State;

        var rejected = Assert.Throws<StimulusRejectedException>(() =>
            run.Answer(run.Waiting("task"), JsonNode.Parse(answer)!.AsObject()));

        Assert.StartsWith(reason, rejected.Message);
        Assert.Same(before, run.State);
    }

    [Fact]
    public void A_declined_task_with_a_reason_takes_the_declined_outcome()
    {
        var run = TaskSpec.Start();

        run.Answer(run.Waiting("task"), new JsonObject { ["answer"] = "declined", ["reason"] = "Hors compétence" });

        Assert.Contains("refus", run.Completed);
    }

    [Fact]
    public void Before_the_deadline_the_partner_gets_a_reminder_and_the_task_stays_open()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");

        run.Fire("acknowledgement").Fire("reminder");

        var reminder = Assert.Single(run.Sent(MessageTypes.TaskReminder));
        Assert.Equal(task.Id.ToString(), reminder.Payload["taskId"]!.GetValue<string>());
        Assert.Equal("2026-07-20T22:00:00Z", reminder.Payload["dueAt"]!.GetValue<string>());
        Assert.Equal(task.Id, run.Waiting("task").Id);
    }

    [Fact]
    public void A_task_not_acknowledged_in_time_is_escalated_to_the_coordination()
    {
        var run = TaskSpec.Start();

        run.Fire("acknowledgement");

        var escalation = Assert.Single(run.Sent(MessageTypes.EscalationRaised));
        Assert.Equal("role:coordination", escalation.Destination);
        Assert.Equal("Pas d'accusé de réception de la demande « Décider des suites du signalement »", escalation.Payload["reason"]!.GetValue<string>());
        Assert.Contains("escalation", run.Purposes());
    }

    [Fact]
    public void At_the_deadline_the_coordination_is_alerted_then_the_inspection_if_nobody_acts()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");
        run.Answer(task, new JsonObject { ["answer"] = "accepted" }).Fire("reminder");

        run.Fire("deadline");

        var level1 = Assert.Single(run.Sent(MessageTypes.EscalationRaised));
        Assert.Equal("role:coordination", level1.Destination);
        Assert.Equal(1, level1.Payload["level"]!.GetValue<int>());
        Assert.Equal("Délai dépassé pour la demande « Décider des suites du signalement » (C. civ. 375-5)", level1.Payload["reason"]!.GetValue<string>());
        Assert.Equal(task.Id.ToString(), level1.Payload["about"]!["taskId"]!.GetValue<string>());
        Assert.Equal("2026-07-22T22:00:00Z", level1.Payload["risesAt"]!.GetValue<string>());
        Assert.Equal(["escalation", "escalation-rise", "task"], run.Purposes());

        run.Fire("escalation-rise");

        var level2 = Assert.Single(run.Sent(MessageTypes.EscalationRaised));
        Assert.Equal("role:inspection", level2.Destination);
        Assert.Equal(2, level2.Payload["level"]!.GetValue<int>());
        Assert.Equal(["role:coordination", "role:inspection"],
            run.State.Tokens.SelectMany(t => t.Bookmarks).Where(b => b.Purpose == "escalation").Select(b => b.Addressee).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_late_answer_still_moves_the_file_on_and_closes_every_open_escalation()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");
        run.Fire("acknowledgement");
        run.Fire("escalation-rise");

        run.Answer(task, new JsonObject { ["answer"] = "completed", ["outcome"] = "classement" });

        Assert.Equal(FileStatus.Completed, run.Status);
        Assert.Equal(["role:coordination", "role:inspection"],
            run.Sent(MessageTypes.EscalationClosed).Select(e => e.Destination).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_coordinator_extends_the_deadline_with_a_reason_and_the_partner_is_told_the_new_date()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");
        run.Answer(task, new JsonObject { ["answer"] = "accepted" }).Fire("reminder").Fire("deadline");
        var escalation = run.Waiting("escalation");

        run.Answer(escalation, new JsonObject
        {
            ["answer"] = "completed", ["outcome"] = "extended", ["reason"] = "Audience reportée",
            ["data"] = new JsonObject { ["extension"] = "P8D" },
        }, actor: "amicale-du-nid-93");

        // Deadline reached at midnight 20/21 July: 21 July + 8 days = Wednesday 29 July, ending at midnight; the
        // partner is reminded two days before the new date, as before the first.
        Assert.Equal(["deadline", "reminder", "task"], run.Purposes());
        Assert.Equal("2026-07-29T22:00:00Z", run.Waiting("deadline").DueAt.ToString());
        Assert.Equal("2026-07-27T22:00:00Z", run.Waiting("reminder").DueAt.ToString());
        Assert.Equal(task.Id, run.Waiting("task").Id);
        var told = Assert.Single(run.Sent(MessageTypes.TaskReminder));
        Assert.Equal("2026-07-29T22:00:00Z", told.Payload["dueAt"]!.GetValue<string>());
        Assert.Empty(run.Sent(MessageTypes.EscalationClosed));
    }

    [Fact]
    public void The_coordinator_acknowledging_an_escalation_stops_it_rising_to_level_2()
    {
        var run = TaskSpec.Start();
        run.Fire("acknowledgement");

        run.Answer(run.Waiting("escalation"), new JsonObject { ["answer"] = "accepted" }, actor: "amicale-du-nid-93");

        Assert.DoesNotContain("escalation-rise", run.Purposes());
        Assert.Contains("escalation", run.Purposes());
    }

    [Fact]
    public void A_task_withdrawn_with_its_file_is_withdrawn_from_the_partner()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");

        run.CancelFile();

        var withdrawn = Assert.Single(run.Sent(MessageTypes.TaskWithdrawn));
        Assert.Equal("parquet-difaje", withdrawn.Destination);
        Assert.Equal(task.Id.ToString(), withdrawn.Payload["taskId"]!.GetValue<string>());
    }
}
