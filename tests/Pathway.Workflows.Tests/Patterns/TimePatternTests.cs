using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;
using Pathway.Workflows.Versioning;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>Time patterns (Lanz, Reichert, Weber): one meaning for a duration (TP2), a time lag from a date of the file
/// (TP3), and periodicity without drift (TP10).</summary>
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
}
