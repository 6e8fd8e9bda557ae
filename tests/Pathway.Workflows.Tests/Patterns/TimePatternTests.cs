using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;
using Pathway.Workflows.Versioning;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>Time patterns (Lanz, Reichert, Weber), each run from start to end on a controllable clock: time lags between
/// activities (TP1), one meaning for a duration (TP2), a time lag from a date of the file (TP3), schedule-restricted
/// elements (TP5), time-based restrictions (TP6), time-dependent variability (TP8), and periodicity without drift (TP10).</summary>
public sealed class TimePatternTests
{
    private static WorkflowDefinition Waiting(string duration) => DefinitionJson.Deserialize($$"""
        {
          "id": "timer-duration", "version": 1, "name": "Attente",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "Timer", "inputs": { "duration": "{{duration}}" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "wait" },
            { "source": "wait", "outcome": "done", "target": "end" }
          ]
        }
        """);

    /// <summary>A monthly review: wait for the next month from the start of the measure, review, loop until four are done.</summary>
    private static readonly WorkflowDefinition MonthlyReview = DefinitionJson.Deserialize("""
        {
          "id": "monthly-review", "version": 1, "name": "Revue mensuelle",
          "variables": [
            { "name": "measureStart", "type": "date" },
            { "name": "reviews", "type": "number", "default": 0 }
          ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "next", "type": "Timer", "inputs": { "duration": "P1M", "repeatFrom": "measureStart" } },
            { "id": "review", "type": "SetVariable", "inputs": { "variable": "reviews", "value": { "+": [ { "var": "reviews" }, 1 ] } } },
            { "id": "more", "type": "Decision", "inputs": { "condition": { "<": [ { "var": "reviews" }, 4 ] } } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "next" },
            { "source": "next", "outcome": "done", "target": "review" },
            { "source": "review", "outcome": "done", "target": "more" },
            { "source": "more", "outcome": "true", "target": "next" },
            { "source": "more", "outcome": "false", "target": "end" }
          ]
        }
        """);

    [Theory]
    [InlineData("2026-03-27T12:00+01:00", "2026-03-30T13:00+02:00")] // across the change to summer time: the clock shows 13:00
    [InlineData("2026-10-23T12:00+02:00", "2026-10-26T11:00+01:00")] // across the change to winter time: 11:00
    public void Tp2_a_timer_of_seventy_two_hours_waits_seventy_two_real_hours_as_a_task_deadline_does(string from, string due)
    {
        var run = PatternRun.StartAt(At(from), Waiting("PT72H"));

        var timer = run.BookmarkOf("wait", BookmarkKind.Timer).DueAt!.Value;

        Assert.Equal(At(due), timer);
        Assert.Equal(Duration.FromHours(72), timer - At(from));
    }

    [Theory]
    [InlineData("2026-03-28T12:00+01:00", "2026-03-29T12:00+02:00")] // a day keeps its wall-clock hour: 23 real hours
    [InlineData("2026-10-24T12:00+02:00", "2026-10-25T12:00+01:00")] // 25 real hours
    public void Tp2_a_timer_of_one_day_keeps_the_hour_of_the_day(string from, string due) =>
        Assert.Equal(At(due), PatternRun.StartAt(At(from), Waiting("P1D")).BookmarkOf("wait", BookmarkKind.Timer).DueAt);

    [Fact]
    public void Tp10_a_monthly_review_started_on_31_January_falls_on_the_last_day_of_shorter_months_without_drifting()
    {
        var run = PatternRun.StartAt(At("2026-01-31T10:00+01:00"), MonthlyReview, variables: ("measureStart", "2026-01-31"));
        var reviews = new List<Instant>();
        while (run.Waiting.Contains("next"))
        {
            reviews.Add(run.BookmarkOf("next", BookmarkKind.Timer).DueAt!.Value);
            run.FireTimer("next");
        }

        // Each occurrence is 31 January + n months, at midnight in Paris: not 28 February + 1 month = 28 March.
        Assert.Equal([At("2026-02-28T00:00+01:00"), At("2026-03-31T00:00+02:00"), At("2026-04-30T00:00+02:00"), At("2026-05-31T00:00+02:00")], reviews);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Tp10_an_occurrence_that_passed_while_the_file_was_elsewhere_is_not_made_up()
    {
        // The file reaches the recurrence on 10 April, long after the anchor: it waits for the next occurrence, 30 April.
        var run = PatternRun.StartAt(At("2026-04-10T10:00+02:00"), MonthlyReview, variables: ("measureStart", "2026-01-31"));

        Assert.Equal(At("2026-04-30T00:00+02:00"), run.BookmarkOf("next", BookmarkKind.Timer).DueAt);
    }

    [Fact]
    public void A_recurrence_needs_a_period_and_a_date_to_count_from()
    {
        var withoutDuration = MonthlyReview with
        {
            Activities = [.. MonthlyReview.Activities.Select(a => a.Id == "next"
                ? a with { Inputs = new JsonObject { ["at"] = "2026-07-10", ["repeatFrom"] = "measureStart" } } : a)],
        };
        var onANumber = MonthlyReview with
        {
            Activities = [.. MonthlyReview.Activities.Select(a => a.Id == "next"
                ? a with { Inputs = new JsonObject { ["duration"] = "P1M", ["repeatFrom"] = "reviews" } } : a)],
        };
        var validator = new DefinitionValidator(PatternRun.Catalog);

        Assert.Contains(validator.Validate(withoutDuration), e => e.Code == "timer.repeat-without-duration" && e.Pointer == "/activities/1/inputs/repeatFrom");
        Assert.Contains(validator.Validate(onANumber), e => e.Code == "timer.not-a-date" && e.Pointer == "/activities/1/inputs/repeatFrom");
    }

    /// <summary>The interview of CASF L222-5-1, « au plus tard un an avant la majorité »: the file waits until the date
    /// its variables give, then the interview is due.</summary>
    private static readonly WorkflowDefinition InterviewBeforeMajority = DefinitionJson.Deserialize("""
        {
          "id": "interview-before-majority", "version": 1, "name": "Entretien avant la majorité",
          "variables": [
            { "name": "birthDate", "type": "date" },
            { "name": "interviewDue", "type": "boolean", "default": false }
          ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "year-before", "type": "Timer", "inputs": { "atExpression": { "date-add": [ { "var": "birthDate" }, "P17Y" ] } } },
            { "id": "interview", "type": "SetVariable", "inputs": { "variable": "interviewDue", "value": true } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "year-before" },
            { "source": "year-before", "outcome": "done", "target": "interview" },
            { "source": "interview", "outcome": "done", "target": "end" }
          ]
        }
        """);

    private static WorkflowDefinition WithTimerInputs(WorkflowDefinition definition, string activityId, JsonObject inputs) => definition with
    {
        Activities = [.. definition.Activities.Select(a => a.Id == activityId ? a with { Inputs = inputs } : a)],
    };

    [Fact]
    public void Tp3_a_timer_waits_until_the_date_computed_from_the_file_one_year_before_majority()
    {
        var run = PatternRun.StartAt(At("2026-03-02T09:00+01:00"), InterviewBeforeMajority, variables: ("birthDate", "2010-05-12"));

        Assert.Equal(At("2027-05-12T00:00+02:00"), run.BookmarkOf("year-before", BookmarkKind.Timer).DueAt);
        run.FireTimer("year-before");
        Assert.Equal(["start", "year-before", "interview", "end"], run.Completed);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Tp3_a_computed_date_without_its_variable_faults_the_file_instead_of_waiting_forever()
    {
        var run = PatternRun.StartAt(At("2026-03-02T09:00+01:00"), InterviewBeforeMajority);

        Assert.Equal(FileStatus.Faulted, run.Status);
    }

    [Fact]
    public void Tp3_a_new_version_that_moves_the_computed_date_recounts_the_waiting_timer_and_keeps_the_activity()
    {
        var run = PatternRun.StartAt(At("2026-03-02T09:00+01:00"), InterviewBeforeMajority, variables: ("birthDate", "2010-05-12"));
        var v2 = WithTimerInputs(InterviewBeforeMajority with { Version = 2 }, "year-before",
            new JsonObject { ["atExpression"] = JsonNode.Parse("""{ "date-add": [ { "var": "birthDate" }, "P17Y6M" ] }""") });
        var to = ExecutableDefinition.Compile(v2, PatternRun.Catalog);

        var migration = new FileMigrator(PatternRun.Catalog).Migrate(run.Definition, to, run.State,
            MigrationMapping.Complete(null, run.Definition, to, run.State.Tokens.Select(t => t.ActivityId)),
            "m-1", "user:pilote", At("2026-04-01T09:00+02:00"));

        Assert.Equal(TokenDisposition.DeadlineMoved, Assert.Single(migration.Report.Tokens).Disposition);
        Assert.Equal(At("2027-11-12T00:00+01:00"),
            migration.State!.Tokens.Single(t => t.ActivityId == "year-before").Bookmarks.Single(b => b.Kind == BookmarkKind.Timer).DueAt);
    }

    [Fact]
    public void A_computed_timer_date_must_be_a_date_and_the_only_way_the_timer_is_given_its_time()
    {
        var onAText = WithTimerInputs(InterviewBeforeMajority with
        {
            Variables = [.. InterviewBeforeMajority.Variables, new VariableDefinition { Name = "note", Type = VariableType.Text }],
        }, "year-before", new JsonObject { ["atExpression"] = JsonNode.Parse("""{ "var": "note" }""") });
        var twice = WithTimerInputs(InterviewBeforeMajority, "year-before",
            new JsonObject { ["duration"] = "P8D", ["atExpression"] = JsonNode.Parse("""{ "date-add": [ { "var": "birthDate" }, "P17Y" ] }""") });
        var validator = new DefinitionValidator(PatternRun.Catalog);

        Assert.Equal(["timer.not-a-date"], validator.Validate(onAText).Where(e => e.Pointer == "/activities/1/inputs/atExpression").Select(e => e.Code));
        Assert.Contains(validator.Validate(twice), e => e.Code == "timer.one-of" && e.Pointer == "/activities/1/inputs");
        Assert.Empty(validator.Validate(InterviewBeforeMajority));
    }

    private static WorkflowDefinition Definition(string id, string variables, string activities, string connections) =>
        DefinitionJson.Deserialize($$"""
            { "id": "{{id}}", "version": 1, "name": "{{id}}", "variables": [ {{variables}} ],
              "activities": [ { "id": "start", "type": "Start" }, {{activities}}, { "id": "end", "type": "End" } ],
              "connections": [ {{connections}} ] }
            """);

    /// <summary>TP1: the return interview comes at least three days after the minor is found (a timer), and at most
    /// five days after that (a deferred choice between the interview and a deadline).</summary>
    private static readonly WorkflowDefinition ReturnInterview = Definition("return-interview",
        """{ "name": "outcome", "type": "text" }""",
        """
        { "id": "found", "type": "WaitForEvent", "inputs": { "event": "found" } },
        { "id": "min-lag", "type": "Timer", "inputs": { "duration": "P3D" } },
        { "id": "window", "type": "DeferredChoice", "inputs": { "branches": [ "held", "late" ] } },
        { "id": "held", "type": "WaitForEvent", "inputs": { "event": "interview-held" } },
        { "id": "late", "type": "Timer", "inputs": { "duration": "P5D" } },
        { "id": "on-time", "type": "SetVariable", "inputs": { "variable": "outcome", "value": "on-time" } },
        { "id": "escalate", "type": "SetVariable", "inputs": { "variable": "outcome", "value": "late" } }
        """,
        """
        { "source": "start", "outcome": "done", "target": "found" },
        { "source": "found", "outcome": "done", "target": "min-lag" },
        { "source": "min-lag", "outcome": "done", "target": "window" },
        { "source": "window", "outcome": "held", "target": "held" },
        { "source": "window", "outcome": "late", "target": "late" },
        { "source": "held", "outcome": "done", "target": "on-time" },
        { "source": "late", "outcome": "done", "target": "escalate" },
        { "source": "on-time", "outcome": "done", "target": "end" },
        { "source": "escalate", "outcome": "done", "target": "end" }
        """);

    [Fact]
    public void Tp1_the_next_activity_waits_for_the_minimum_lag_then_is_done_within_the_maximum()
    {
        var run = PatternRun.StartAt(At("2026-06-01T10:00+02:00"), ReturnInterview);
        run.Clock.Now = At("2026-06-02T15:00+02:00");
        run.Raise("found");

        Assert.Equal(At("2026-06-05T15:00+02:00"), run.BookmarkOf("min-lag", BookmarkKind.Timer).DueAt);
        run.FireTimer("min-lag");
        Assert.Equal(At("2026-06-10T15:00+02:00"), run.BookmarkOf("late", BookmarkKind.Timer).DueAt);
        run.Clock.Now = At("2026-06-08T11:00+02:00");
        run.Raise("interview-held");

        Assert.Equal("on-time", run.State.Variables["outcome"]!.GetValue<string>());
        Assert.Equal(["late"], run.Withdrawn);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Tp1_past_the_maximum_lag_the_file_takes_the_late_path()
    {
        var run = PatternRun.StartAt(At("2026-06-02T15:00+02:00"), ReturnInterview).Raise("found");
        run.FireTimer("min-lag").FireTimer("late");

        Assert.Equal(At("2026-06-10T15:00+02:00"), run.Clock.Now);
        Assert.Equal("late", run.State.Variables["outcome"]!.GetValue<string>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    /// <summary>TP5: a partner is written to on working days only: on another day, the file waits for the next one.</summary>
    private static readonly WorkflowDefinition WorkingDaysOnly = Definition("working-days-only",
        """{ "name": "sentOn", "type": "date" }""",
        """
        { "id": "open", "type": "Decision", "inputs": { "condition": { "working-day": [ { "today": [] } ] } } },
        { "id": "next-working-day", "type": "Timer", "inputs": { "atExpression": { "working-day": [ { "today": [] }, 1 ] } } },
        { "id": "send", "type": "SetVariable", "inputs": { "variable": "sentOn", "value": { "today": [] } } }
        """,
        """
        { "source": "start", "outcome": "done", "target": "open" },
        { "source": "open", "outcome": "true", "target": "send" },
        { "source": "open", "outcome": "false", "target": "next-working-day" },
        { "source": "next-working-day", "outcome": "done", "target": "send" },
        { "source": "send", "outcome": "done", "target": "end" }
        """);

    [Theory]
    [InlineData("2026-05-13T16:00+02:00", "2026-05-13")] // a Wednesday: at once
    [InlineData("2026-05-09T10:00+02:00", "2026-05-11")] // a Saturday: Monday
    [InlineData("2026-05-14T10:00+02:00", "2026-05-15")] // Ascension: Friday
    [InlineData("2026-05-07T18:00+02:00", "2026-05-07")] // the evening before 8 May: still that day
    public void Tp5_an_activity_restricted_to_working_days_waits_for_the_next_one(string arrival, string sentOn)
    {
        var run = PatternRun.StartAt(At(arrival), WorkingDaysOnly);
        if (run.Waiting.Contains("next-working-day"))
        {
            Assert.Equal(Date(sentOn).AtStartOfDayInZone(Zone).ToInstant(), run.BookmarkOf("next-working-day", BookmarkKind.Timer).DueAt);
            run.FireTimer("next-working-day");
        }

        Assert.Equal(sentOn, run.State.Variables["sentOn"]!.GetValue<string>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Tp5_the_working_days_are_those_of_the_deployments_territory()
    {
        // Good Friday is worked in Paris and not in Strasbourg; Easter Monday in neither.
        var strasbourg = PatternRun.StartAt(At("2026-04-03T10:00+02:00"), WorkingDaysOnly, new DeploymentCalendar(Territory.AlsaceMoselle));
        var paris = PatternRun.StartAt(At("2026-04-03T10:00+02:00"), WorkingDaysOnly);

        Assert.Equal(At("2026-04-07T00:00+02:00"), strasbourg.BookmarkOf("next-working-day", BookmarkKind.Timer).DueAt);
        Assert.Equal("2026-04-03", paris.State.Variables["sentOn"]!.GetValue<string>());
    }

    /// <summary>TP6: a synthesis meeting is held at most once every seven days, however often it is asked for.</summary>
    private static readonly WorkflowDefinition WeeklyAtMost = Definition("weekly-at-most",
        """{ "name": "lastMeeting", "type": "date" }, { "name": "meetings", "type": "number", "default": 0 }""",
        """
        { "id": "requested", "type": "WaitForEvent", "inputs": { "event": "meeting-requested" } },
        { "id": "allowed", "type": "Decision", "inputs": { "condition": { "or": [
            { "!": { "var": "lastMeeting" } },
            { ">=": [ { "today": [] }, { "date-add": [ { "var": "lastMeeting" }, "P7D" ] } ] } ] } } },
        { "id": "not-before", "type": "Timer", "inputs": { "atExpression": { "date-add": [ { "var": "lastMeeting" }, "P7D" ] } } },
        { "id": "meeting", "type": "SetVariable", "inputs": { "variable": "lastMeeting", "value": { "today": [] } } },
        { "id": "count", "type": "SetVariable", "inputs": { "variable": "meetings", "value": { "+": [ { "var": "meetings" }, 1 ] } } },
        { "id": "more", "type": "Decision", "inputs": { "condition": { "<": [ { "var": "meetings" }, 2 ] } } }
        """,
        """
        { "source": "start", "outcome": "done", "target": "requested" },
        { "source": "requested", "outcome": "done", "target": "allowed" },
        { "source": "allowed", "outcome": "true", "target": "meeting" },
        { "source": "allowed", "outcome": "false", "target": "not-before" },
        { "source": "not-before", "outcome": "done", "target": "meeting" },
        { "source": "meeting", "outcome": "done", "target": "count" },
        { "source": "count", "outcome": "done", "target": "more" },
        { "source": "more", "outcome": "true", "target": "requested" },
        { "source": "more", "outcome": "false", "target": "end" }
        """);

    [Fact]
    public void Tp6_an_activity_repeated_too_soon_waits_until_its_minimum_distance_from_the_last_one()
    {
        var run = PatternRun.StartAt(At("2026-06-01T09:00+02:00"), WeeklyAtMost).Raise("meeting-requested");
        Assert.Equal("2026-06-01", run.State.Variables["lastMeeting"]!.GetValue<string>());

        run.Clock.Now = At("2026-06-03T09:00+02:00");
        run.Raise("meeting-requested");

        Assert.Equal(At("2026-06-08T00:00+02:00"), run.BookmarkOf("not-before", BookmarkKind.Timer).DueAt);
        run.FireTimer("not-before");
        Assert.Equal("2026-06-08", run.State.Variables["lastMeeting"]!.GetValue<string>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Tp6_an_activity_asked_for_after_its_minimum_distance_runs_at_once()
    {
        var run = PatternRun.StartAt(At("2026-06-01T09:00+02:00"), WeeklyAtMost).Raise("meeting-requested");
        run.Clock.Now = At("2026-06-08T09:00+02:00");
        run.Raise("meeting-requested");

        Assert.DoesNotContain("not-before", run.Completed);
        Assert.Equal("2026-06-08", run.State.Variables["lastMeeting"]!.GetValue<string>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    /// <summary>TP8: the path depends on the minor's age on the day the file gets there.</summary>
    private static readonly WorkflowDefinition ByAgeToday = Definition("by-age-today",
        """{ "name": "birthDate", "type": "date" }, { "name": "path", "type": "text" }""",
        """
        { "id": "sixteen", "type": "Decision", "inputs": { "condition": { ">=": [ { "age-at": [ { "var": "birthDate" }, { "today": [] } ] }, 16 ] } } },
        { "id": "older", "type": "SetVariable", "inputs": { "variable": "path", "value": "sixteen-or-more" } },
        { "id": "younger", "type": "SetVariable", "inputs": { "variable": "path", "value": "under-sixteen" } }
        """,
        """
        { "source": "start", "outcome": "done", "target": "sixteen" },
        { "source": "sixteen", "outcome": "true", "target": "older" },
        { "source": "sixteen", "outcome": "false", "target": "younger" },
        { "source": "older", "outcome": "done", "target": "end" },
        { "source": "younger", "outcome": "done", "target": "end" }
        """);

    [Theory]
    [InlineData("2026-05-11T23:30+02:00", "under-sixteen")]  // the eve of the sixteenth birthday, late in the evening
    [InlineData("2026-05-12T00:30+02:00", "sixteen-or-more")] // the birthday in Paris, still 11 May in UTC
    public void Tp8_the_path_depends_on_the_age_on_the_day_in_the_deployments_zone(string arrival, string path)
    {
        var run = PatternRun.StartAt(At(arrival), ByAgeToday, variables: ("birthDate", "2010-05-12"));

        Assert.Equal(path, run.State.Variables["path"]!.GetValue<string>());
        Assert.Equal(FileStatus.Completed, run.Status);
    }
}
