using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>Time patterns: one meaning for a duration (TP2), and periodicity without drift (TP10).</summary>
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
}
