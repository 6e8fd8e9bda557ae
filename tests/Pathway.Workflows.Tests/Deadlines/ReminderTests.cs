using NodaTime;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>A reminder some time before a deadline expires.</summary>
public class ReminderTests
{
    [Fact]
    public void A_reminder_two_days_before_the_OPP_deadline_comes_at_the_start_of_Sunday_19_July()
    {
        var due = DeadlineCalculator.DueAt(
            new Deadline { Duration = Period.FromDays(8), LegalBasis = "C. civ. 375-5" }, At("2026-07-10T16:00+02:00"), Metropole);

        Assert.Equal(At("2026-07-19T00:00+02:00"), DeadlineCalculator.ReminderAt(due, Period.FromDays(2), Zone));
    }

    [Theory]
    [InlineData("2026-04-03T00:00+02:00", "P8D", "2026-03-26T00:00+01:00")] // days keep midnight across the change of clocks
    [InlineData("2026-03-30T00:00+02:00", "P1D", "2026-03-29T00:00+01:00")]
    [InlineData("2026-03-30T00:00+02:00", "PT24H", "2026-03-28T23:00+01:00")] // 24 real hours, one of them lost on 29 March
    [InlineData("2026-07-21T00:00+02:00", "PT2H", "2026-07-20T22:00+02:00")]
    [InlineData("2026-07-21T00:00+02:00", "P1DT2H", "2026-07-19T22:00+02:00")] // two real hours, then one calendar day
    [InlineData("2026-03-31T00:30+02:00", "P1M", "2026-02-28T00:30+01:00")] // months to the last day of a shorter month
    public void A_reminder_subtracts_days_on_the_calendar_and_hours_as_elapsed_time(string due, string before, string reminder) =>
        Assert.Equal(At(reminder), DeadlineCalculator.ReminderAt(At(due), IsoPeriod(before), Zone));

    [Theory]
    [InlineData("P0D")]
    [InlineData("P-2D")]
    public void A_reminder_needs_a_positive_period(string before) =>
        Assert.Throws<ArgumentException>(() => DeadlineCalculator.ReminderAt(At("2026-07-21T00:00+02:00"), IsoPeriod(before), Zone));
}
