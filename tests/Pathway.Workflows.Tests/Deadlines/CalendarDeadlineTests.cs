using NodaTime;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>Periods in days, weeks, months and years, counted on the calendar (CPC 640-642).</summary>
public class CalendarDeadlineTests
{
    private static Instant DueAt(string duration, string from) =>
        DeadlineCalculator.DueAt(new Deadline { Duration = IsoPeriod(duration) }, At(from), Metropole);

    [Fact]
    public void A_parquet_OPP_on_Friday_10_July_2026_must_reach_the_judge_by_Monday_20_July_inclusive()
    {
        // C. civ. 375-5: eight days. 10 July does not count; the 8th day is Saturday 18 July, which rolls to Monday 20.
        var due = DueAt("P8D", "2026-07-10T16:00+02:00");

        Assert.Equal(At("2026-07-21T00:00+02:00"), due);
        Assert.Equal(Instant.FromUtc(2026, 7, 20, 22, 0), due);
    }

    [Theory]
    [InlineData("P8D", "2026-07-06T09:00+02:00", "2026-07-16T00:00+02:00")] // ends Tuesday 14 July → Wednesday 15
    [InlineData("P10D", "2026-03-27T09:00+01:00", "2026-04-08T00:00+02:00")] // ends on Easter Monday 6 April → Tuesday 7
    [InlineData("P8D", "2026-04-23T09:00+02:00", "2026-05-05T00:00+02:00")] // ends Friday 1 May → Monday 4
    [InlineData("P8D", "2026-04-30T09:00+02:00", "2026-05-12T00:00+02:00")] // ends Friday 8 May → Monday 11
    [InlineData("P8D", "2026-05-06T09:00+02:00", "2026-05-16T00:00+02:00")] // ends on Ascension, Thursday 14 May → Friday 15
    [InlineData("P10D", "2026-05-15T09:00+02:00", "2026-05-27T00:00+02:00")] // ends on Whit Monday 25 May → Tuesday 26
    [InlineData("P8D", "2026-10-23T09:00+02:00", "2026-11-03T00:00+01:00")] // ends Saturday 31 Oct, then Toussaint on Sunday → Monday 2 Nov
    [InlineData("P8D", "2026-12-17T09:00+01:00", "2026-12-29T00:00+01:00")] // ends on Christmas, a Friday → Monday 28
    [InlineData("P8D", "2026-12-24T09:00+01:00", "2027-01-05T00:00+01:00")] // ends Friday 1 January 2027 → Monday 4
    public void A_period_ending_on_a_weekend_or_public_holiday_runs_to_the_next_working_day(string duration, string from, string due) =>
        Assert.Equal(At(due), DueAt(duration, from));

    [Theory]
    [InlineData("P15D", "2026-07-01T09:00+02:00", "2026-07-17T00:00+02:00")] // ends Thursday 16 July
    [InlineData("P2W", "2026-07-01T09:00+02:00", "2026-07-16T00:00+02:00")] // a week is seven days: ends Wednesday 15 July
    public void A_period_ending_on_a_working_day_expires_at_midnight_ending_that_day(string duration, string from, string due) =>
        Assert.Equal(At(due), DueAt(duration, from));

    [Theory]
    [InlineData("P1M", "2026-01-31T09:00+01:00", "2026-03-03T00:00+01:00")] // 28 February 2026 is a Saturday → Monday 2 March
    [InlineData("P1M", "2028-01-31T09:00+01:00", "2028-03-01T00:00+01:00")] // leap year: Tuesday 29 February 2028
    [InlineData("P3M", "2026-05-31T09:00+02:00", "2026-09-01T00:00+02:00")] // Monday 31 August
    [InlineData("P3M", "2026-11-30T09:00+01:00", "2027-03-02T00:00+01:00")] // Sunday 28 February 2027 → Monday 1 March
    [InlineData("P2Y", "2024-02-29T09:00+01:00", "2026-03-03T00:00+01:00")] // Saturday 28 February 2026 → Monday 2 March
    public void Months_and_years_run_to_the_same_date_or_the_last_day_of_a_shorter_month(string duration, string from, string due) =>
        Assert.Equal(At(due), DueAt(duration, from));

    [Fact]
    public void Months_are_counted_before_days() =>
        // CPC 641: 30 January + 1 month = 29 February 2028, + 1 day = Wednesday 1 March.
        // Days first would have given 31 January + 1 month = 29 February.
        Assert.Equal(At("2028-03-02T00:00+01:00"), DueAt("P1M1D", "2028-01-30T09:00+01:00"));

    [Fact]
    public void The_day_of_the_event_is_its_date_in_Paris_not_in_UTC()
    {
        // 00:30 on Monday 6 July in Paris is still Sunday 5 July in UTC.
        var justAfterMidnight = DueAt("P8D", "2026-07-06T00:30+02:00");
        var lateInTheEvening = DueAt("P8D", "2026-07-06T23:59+02:00");

        Assert.Equal(At("2026-07-16T00:00+02:00"), justAfterMidnight);
        Assert.Equal(justAfterMidnight, lateInTheEvening);
    }

    [Fact]
    public void A_period_across_the_change_to_summer_time_still_expires_at_local_midnight()
    {
        // 29 March 2026, clocks go from 02:00 to 03:00. Wednesday 25 March + 8 days = Thursday 2 April.
        var due = DueAt("P8D", "2026-03-25T09:00+01:00");

        Assert.Equal(At("2026-04-03T00:00+02:00"), due);
        Assert.Equal(Instant.FromUtc(2026, 4, 2, 22, 0), due);
    }

    [Fact]
    public void A_period_across_the_change_to_winter_time_still_expires_at_local_midnight()
    {
        // 25 October 2026, clocks go from 03:00 back to 02:00. Tuesday 20 October + 8 days = Wednesday 28 October.
        var due = DueAt("P8D", "2026-10-20T09:00+02:00");

        Assert.Equal(At("2026-10-29T00:00+01:00"), due);
        Assert.Equal(Instant.FromUtc(2026, 10, 28, 23, 0), due);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void An_empty_or_negative_period_is_refused(int days) =>
        Assert.Throws<ArgumentException>(() =>
            DeadlineCalculator.DueAt(new Deadline { Duration = Period.FromDays(days) }, At("2026-07-10T09:00+02:00"), Metropole));
}
