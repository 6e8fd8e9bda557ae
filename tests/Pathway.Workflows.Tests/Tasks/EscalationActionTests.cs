using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;

namespace Pathway.Workflows.Tests.Tasks;

/// <summary>
/// What the coordinator (or the inspector) may do with an escalation: remind the late partner, reassign the task,
/// convene partners, besides acknowledging, extending and resolving (<see cref="PartnerTaskTests"/>). The parquet's
/// task of <see cref="TaskSpec"/> passes its deadline on Monday 20 July 2026 at midnight.
/// </summary>
public sealed class EscalationActionTests
{
    private const string Coordination = "amicale-du-nid-93";

    [Fact]
    public void Reminding_sends_the_partner_a_reminder_now_and_keeps_the_escalation_open_and_acknowledged()
    {
        var (run, task, escalation) = Overdue();

        run.Answer(escalation, Remind("Merci de nous tenir informés avant vendredi."), actor: Coordination);

        var reminder = Assert.Single(run.Sent(MessageTypes.TaskReminder));
        Assert.Equal("parquet-difaje", reminder.Destination);
        Assert.Equal(task.Id.ToString(), reminder.Payload["taskId"]!.GetValue<string>());
        Assert.Equal("2026-07-20T22:00:00Z", reminder.Payload["dueAt"]!.GetValue<string>());
        Assert.Equal("Merci de nous tenir informés avant vendredi.", reminder.Payload["message"]!.GetValue<string>());
        Assert.Equal(["escalation", "task"], run.Purposes());
        Assert.True(run.Waiting("escalation").Data!["acknowledged"]!.GetValue<bool>());
        Assert.Empty(run.Sent(MessageTypes.EscalationClosed));
    }

    [Fact]
    public void A_reminder_without_a_message_carries_none()
    {
        var (run, _, escalation) = Overdue();

        run.Answer(escalation, new JsonObject { ["answer"] = "accepted", ["outcome"] = "reminded" }, actor: Coordination);

        Assert.False(Assert.Single(run.Sent(MessageTypes.TaskReminder)).Payload.ContainsKey("message"));
    }

    [Fact]
    public void Reassigning_withdraws_the_task_from_its_partner_with_the_reason_and_assigns_it_to_the_new_one_with_a_new_id()
    {
        var (run, task, escalation) = Overdue();

        run.Answer(escalation, Reassign("juge-des-enfants", "Le parquet de permanence est saisi à la place."), actor: Coordination);

        var withdrawn = Assert.Single(run.Sent(MessageTypes.TaskWithdrawn));
        Assert.Equal("parquet-difaje", withdrawn.Destination);
        Assert.Equal(task.Id.ToString(), withdrawn.Payload["taskId"]!.GetValue<string>());
        Assert.Equal("Le parquet de permanence est saisi à la place.", withdrawn.Payload["reason"]!.GetValue<string>());
        var assigned = Assert.Single(run.Sent(MessageTypes.TaskAssigned));
        Assert.Equal("juge-des-enfants", assigned.Destination);
        var newTask = run.Waiting("task");
        Assert.NotEqual(task.Id, newTask.Id);
        Assert.Equal(newTask.Id.ToString(), assigned.Payload["taskId"]!.GetValue<string>());
        Assert.Equal("juge-des-enfants", newTask.Addressee);
        Assert.Equal("Décider des suites du signalement", assigned.Payload["title"]!.GetValue<string>());
        Assert.Equal(["dateNaissance", "prenom"], assigned.Payload["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_reassigned_task_gets_its_whole_deadline_again_from_the_reassignment()
    {
        var (run, _, escalation) = Overdue();

        run.Answer(escalation, Reassign("juge-des-enfants", "Saisine d'un autre service."), actor: Coordination);

        // Reassigned at midnight 20/21 July: 21 July + 8 days = Wednesday 29 July; acknowledgement within 2 working days.
        var assigned = Assert.Single(run.Sent(MessageTypes.TaskAssigned));
        Assert.Equal("2026-07-29T22:00:00Z", assigned.Payload["dueAt"]!.GetValue<string>());
        Assert.Equal("C. civ. 375-5", assigned.Payload["legalBasis"]!.GetValue<string>());
        Assert.Equal("2026-07-29T22:00:00Z", run.Waiting("deadline").DueAt.ToString());
        Assert.Equal(["acknowledgement", "deadline", "reminder", "task"], run.Purposes());
    }

    [Fact]
    public void Reassigning_closes_the_escalation_at_every_level()
    {
        var (run, _, _) = Overdue();
        run.Fire("escalation-rise");
        var level2 = run.State.Tokens.SelectMany(t => t.Bookmarks).Single(b => b.Addressee == "role:inspection");

        run.Answer(level2, Reassign("juge-des-enfants", "Saisine d'un autre service."), actor: "inspecteur-ase");

        Assert.DoesNotContain("escalation", run.Purposes());
        Assert.Equal("role:coordination", Assert.Single(run.Sent(MessageTypes.EscalationClosed)).Destination);
    }

    [Fact]
    public void The_new_partner_answers_the_reassigned_task_and_the_file_moves_on()
    {
        var (run, _, escalation) = Overdue();
        run.Answer(escalation, Reassign("juge-des-enfants", "Saisine d'un autre service."), actor: Coordination);

        run.Answer(run.Waiting("task"), new JsonObject { ["answer"] = "completed", ["outcome"] = "classement" }, actor: "juge-des-enfants");

        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void The_reminder_before_the_new_deadline_goes_to_the_new_partner()
    {
        var (run, _, escalation) = Overdue();
        run.Answer(escalation, Reassign("juge-des-enfants", "Saisine d'un autre service."), actor: Coordination);

        run.Fire("reminder");

        Assert.Equal("juge-des-enfants", Assert.Single(run.Sent(MessageTypes.TaskReminder)).Destination);
    }

    [Fact]
    public void The_answer_of_the_partner_the_task_was_taken_from_finds_nothing_to_act_on()
    {
        var (run, task, escalation) = Overdue();
        run.Answer(escalation, Reassign("juge-des-enfants", "Saisine d'un autre service."), actor: Coordination);

        run.Answer(task, new JsonObject { ["answer"] = "completed", ["outcome"] = "opp" });

        Assert.True(run.Last.Ignored);
        Assert.Equal(FileStatus.Running, run.Status);
    }

    [Theory]
    [InlineData("""{ "answer": "completed", "outcome": "reassigned", "reason": "x" }""", "A reassignment needs data.partner")]
    [InlineData("""{ "answer": "completed", "outcome": "reassigned", "data": { "partner": "juge-des-enfants" } }""", "A reassignment needs a reason.")]
    [InlineData("""{ "answer": "completed", "outcome": "reassigned", "reason": "x", "data": { "partner": "parquet-difaje" } }""", "The task is already assigned to this partner.")]
    [InlineData("""{ "answer": "accepted", "outcome": "convened", "data": { "at": "2026-07-24T09:30:00Z", "place": "CDEF", "agenda": "x" } }""", "A meeting needs data.partners")]
    [InlineData("""{ "answer": "accepted", "outcome": "convened", "data": { "partners": [], "at": "2026-07-24T09:30:00Z", "place": "CDEF", "agenda": "x" } }""", "A meeting needs data.partners")]
    [InlineData("""{ "answer": "accepted", "outcome": "convened", "data": { "partners": ["crip-93"], "at": "vendredi", "place": "CDEF", "agenda": "x" } }""", "A meeting needs data.at")]
    [InlineData("""{ "answer": "accepted", "outcome": "convened", "data": { "partners": ["crip-93"], "at": "2026-07-01T09:30:00Z", "place": "CDEF", "agenda": "x" } }""", "A meeting is convened for a time to come.")]
    [InlineData("""{ "answer": "accepted", "outcome": "convened", "data": { "partners": ["crip-93"], "at": "2026-07-24T09:30:00Z", "agenda": "x" } }""", "A meeting needs data.place.")]
    [InlineData("""{ "answer": "accepted", "outcome": "convened", "data": { "partners": ["crip-93"], "at": "2026-07-24T09:30:00Z", "place": "CDEF", "agenda": " " } }""", "A meeting needs data.agenda.")]
    [InlineData("""{ "answer": "accepted", "outcome": "resolved" }""", "An escalation is answered with")]
    [InlineData("""{ "answer": "completed", "outcome": "reminded" }""", "An escalation is answered with")]
    [InlineData("""{ "answer": "declined", "reason": "x" }""", "An escalation is answered with")]
    public void An_answer_to_an_escalation_that_lacks_what_its_action_needs_is_rejected_and_changes_nothing(string answer, string reason)
    {
        var (run, _, escalation) = Overdue();
        var before = run.State;

        var rejected = Assert.Throws<StimulusRejectedException>(() => run.Answer(escalation, JsonNode.Parse(answer)!.AsObject(), actor: Coordination));

        Assert.StartsWith(reason, rejected.Message);
        Assert.Same(before, run.State);
    }

    [Fact]
    public void Convening_sends_one_meeting_message_to_each_partner_convened_and_keeps_the_escalation_open_and_acknowledged()
    {
        var (run, _, escalation) = Overdue();

        run.Answer(escalation, Convene(["parquet-difaje", "crip-93", "parquet-difaje"]), actor: Coordination);

        var meetings = run.Sent(MessageTypes.MeetingConvened);
        Assert.Equal(["crip-93", "parquet-difaje"], meetings.Select(m => m.Destination).Order(StringComparer.Ordinal));
        Assert.Single(meetings.Select(m => m.Payload["meetingId"]!.GetValue<string>()).Distinct());
        var meeting = meetings[0].Payload;
        Assert.Equal("file-1", meeting["fileRef"]!.GetValue<string>());
        Assert.Equal("2026-07-24T07:30:00Z", meeting["at"]!.GetValue<string>());
        Assert.Equal("CDEF, salle 2", meeting["place"]!.GetValue<string>());
        Assert.Equal("Point sur la décision du parquet", meeting["agenda"]!.GetValue<string>());
        Assert.Equal("coordination", meeting["convenedBy"]!.GetValue<string>());
        Assert.DoesNotContain("Lina", meeting.ToJsonString());
        Assert.Equal(["escalation", "task"], run.Purposes());
        Assert.True(run.Waiting("escalation").Data!["acknowledged"]!.GetValue<bool>());
    }

    [Fact]
    public void The_inspection_convenes_in_its_own_name()
    {
        var (run, _, _) = Overdue();
        run.Fire("escalation-rise");
        var level2 = run.State.Tokens.SelectMany(t => t.Bookmarks).Single(b => b.Addressee == "role:inspection");

        run.Answer(level2, Convene(["crip-93"]), actor: "inspecteur-ase");

        Assert.Equal("inspection", Assert.Single(run.Sent(MessageTypes.MeetingConvened)).Payload["convenedBy"]!.GetValue<string>());
    }

    // ---- an escalation about no task (the Escalate activity) ------------------------------------------------

    [Theory]
    [InlineData("""{ "answer": "accepted", "outcome": "reminded" }""")]
    [InlineData("""{ "answer": "completed", "outcome": "extended", "reason": "x", "data": { "extension": "P8D" } }""")]
    [InlineData("""{ "answer": "completed", "outcome": "reassigned", "reason": "x", "data": { "partner": "crip-93" } }""")]
    public void An_escalation_about_no_task_cannot_be_reminded_extended_or_reassigned(string answer)
    {
        var run = ExplicitEscalation();
        var before = run.State;

        var rejected = Assert.Throws<StimulusRejectedException>(() =>
            run.Answer(run.Waiting("escalation"), JsonNode.Parse(answer)!.AsObject(), actor: Coordination));

        Assert.Equal("An escalation about no task is answered with accepted (alone, or with outcome convened), or completed with outcome resolved.",
            rejected.Message);
        Assert.Same(before, run.State);
    }

    [Fact]
    public void An_escalation_about_no_task_may_convene_partners_and_stays_open()
    {
        var run = ExplicitEscalation();

        run.Answer(run.Waiting("escalation"), Convene(["crip-93", "ase-93"]), actor: Coordination);

        Assert.Equal(2, run.Sent(MessageTypes.MeetingConvened).Count);
        Assert.Equal(["escalation"], run.Purposes());
        Assert.True(run.Waiting("escalation").Data!["acknowledged"]!.GetValue<bool>());
    }

    [Fact]
    public void An_escalation_about_no_task_is_acknowledged_then_resolved()
    {
        var run = ExplicitEscalation();

        run.Answer(run.Waiting("escalation"), new JsonObject { ["answer"] = "accepted" }, actor: Coordination);
        Assert.Equal(["escalation"], run.Purposes());

        run.Answer(run.Waiting("escalation"), new JsonObject { ["answer"] = "completed", ["outcome"] = "resolved" }, actor: Coordination);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /// <summary>The parquet acknowledged, was reminded, and let its deadline pass: the coordination is alerted.</summary>
    private static (PatternRun Run, Bookmark Task, Bookmark Escalation) Overdue()
    {
        var run = TaskSpec.Start();
        var task = run.Waiting("task");
        run.Answer(task, new JsonObject { ["answer"] = "accepted" }).Fire("reminder").Fire("deadline");
        return (run, run.Waiting("task"), run.Waiting("escalation"));
    }

    private static JsonObject Remind(string message) => new()
    {
        ["answer"] = "accepted", ["outcome"] = "reminded", ["data"] = new JsonObject { ["message"] = message },
    };

    private static JsonObject Reassign(string partner, string reason) => new()
    {
        ["answer"] = "completed", ["outcome"] = "reassigned", ["reason"] = reason, ["data"] = new JsonObject { ["partner"] = partner },
    };

    /// <summary>Friday 24 July 2026, 9:30 in Paris.</summary>
    private static JsonObject Convene(string[] partners) => new()
    {
        ["answer"] = "accepted", ["outcome"] = "convened",
        ["data"] = new JsonObject
        {
            ["partners"] = new JsonArray([.. partners.Select(p => (JsonNode)p)]), ["at"] = "2026-07-24T07:30:00Z",
            ["place"] = "CDEF, salle 2", ["agenda"] = "Point sur la décision du parquet",
        },
    };

    private static PatternRun ExplicitEscalation() => PatternRun.Start(DefinitionJson.Deserialize("""
        {
          "id": "explicit-escalation",
          "version": 1,
          "name": "Alerte explicite",
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Début" },
            { "id": "alerte", "type": "Escalate", "displayName": "Alerter", "inputs": { "reason": "La demande d'accueil a été déclinée", "escalateAfter": "P3D" } },
            { "id": "fin", "type": "End", "displayName": "Fin" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "alerte" },
            { "source": "alerte", "outcome": "resolved", "target": "fin" }
          ]
        }
        """));
}
