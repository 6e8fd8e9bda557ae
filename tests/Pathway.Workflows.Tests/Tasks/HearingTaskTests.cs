using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Tasks;

/// <summary>A partner task whose deadline is counted back from the hearing date (CPC 1188), on the deployment's calendar.</summary>
public sealed class HearingTaskTests
{
    private static readonly WorkflowDefinition Summons = DefinitionJson.Deserialize("""
        {
          "id": "summons", "version": 1, "name": "Convocation",
          "variables": [ { "name": "hearingDate", "type": "date" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "summon", "type": "PartnerTask", "inputs": {
                "partner": "greffe", "title": "Convoquer les parents", "outcomes": ["done"], "reminderBefore": "P2D",
                "deadline": { "duration": "P8D", "before": { "variable": "hearingDate", "event": "l'audience" }, "legalBasis": "CPC 1188" } } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "summon" },
            { "source": "summon", "outcome": "done", "target": "end" },
            { "source": "summon", "outcome": "declined", "target": "end" }
          ]
        }
        """);

    [Fact]
    public void The_partner_is_told_the_last_day_counted_back_from_the_hearing()
    {
        var run = PatternRun.StartAt(At("2026-11-20T10:00+01:00"), Summons, variables: ("hearingDate", "2026-12-14"));

        var message = Assert.Single(run.Sent(MessageTypes.TaskAssigned));
        Assert.Equal("2026-12-04T23:00:00Z", message.Payload["dueAt"]!.GetValue<string>());
        Assert.Equal("au plus tard le vendredi 4 décembre 2026, 8 jours avant l'audience", message.Payload["dueText"]!.GetValue<string>());
        Assert.Equal(At("2026-12-05T00:00+01:00"), run.Waiting("deadline").DueAt);
        Assert.Equal(At("2026-12-03T00:00+01:00"), run.Waiting("reminder").DueAt);
    }

    [Fact]
    public void The_reminder_repeats_the_same_words()
    {
        var run = PatternRun.StartAt(At("2026-11-20T10:00+01:00"), Summons, variables: ("hearingDate", "2026-12-14"));

        run.Fire("reminder");

        var reminder = Assert.Single(run.Sent(MessageTypes.TaskReminder));
        Assert.Equal("au plus tard le vendredi 4 décembre 2026, 8 jours avant l'audience", reminder.Payload["dueText"]!.GetValue<string>());
    }

    [Fact]
    public void In_La_Reunion_the_deadline_expires_at_midnight_there_and_skips_the_abolition_of_slavery()
    {
        // Hearing Thursday 30 December 2027: eight days back from the 29th end on Wednesday 22; the day before, Tuesday 21,
        // is a working day in La Réunion (20 December is the holiday), so the summons is due by Tuesday 21 at +04:00.
        var run = PatternRun.StartAt(At("2027-12-01T10:00+04:00"), Summons, new DeploymentCalendar(Territory.LaReunion),
            ("hearingDate", "2027-12-30"));

        Assert.Equal(At("2027-12-22T00:00+04:00"), run.Waiting("deadline").DueAt);
    }

    [Fact]
    public void Without_a_hearing_date_the_task_cannot_be_given_its_deadline_and_the_file_faults()
    {
        var run = PatternRun.StartAt(At("2026-11-20T10:00+01:00"), Summons);

        Assert.Equal(FileStatus.Faulted, run.Status);
        Assert.DoesNotContain(run.Journal, e => e.Data?.ToJsonString().Contains("2026-12") == true);
    }
}
