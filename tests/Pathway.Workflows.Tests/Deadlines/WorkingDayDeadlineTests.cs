using NodaTime;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>Periods counted in working days: Saturdays, Sundays and public holidays do not count at all.</summary>
public class WorkingDayDeadlineTests
{
    private static Instant DueAt(string duration, string from) =>
        DeadlineCalculator.DueAt(new Deadline { Duration = IsoPeriod(duration), Counting = DayCounting.WorkingDays }, At(from), Metropole);

    [Theory]
    [InlineData("P5D", "2026-07-10T16:00+02:00", "2026-07-21T00:00+02:00")] // Friday 10 July: 13, (14 July), 15, 16, 17, 20
    [InlineData("P1W", "2026-07-10T16:00+02:00", "2026-07-21T00:00+02:00")] // a week is five working days
    [InlineData("P1D", "2026-07-11T10:00+02:00", "2026-07-14T00:00+02:00")] // from a Saturday: Monday 13 July
    [InlineData("P3D", "2026-05-06T10:00+02:00", "2026-05-13T00:00+02:00")] // Thursday 7, (Friday 8 May), Monday 11, Tuesday 12
    [InlineData("P2D", "2026-05-13T10:00+02:00", "2026-05-19T00:00+02:00")] // (Ascension), Friday 15, Monday 18
    [InlineData("P1W2D", "2026-04-01T10:00+02:00", "2026-04-14T00:00+02:00")] // seven: 2, 3, (Easter Monday), 7, 8, 9, 10, 13 April
    public void Only_working_days_count_and_the_last_one_ends_at_midnight(string duration, string from, string due) =>
        Assert.Equal(At(due), DueAt(duration, from));

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("PT72H")]
    [InlineData("P1DT12H")]
    public void Months_years_and_hours_cannot_be_counted_in_working_days(string duration) =>
        Assert.Throws<ArgumentException>(() => DueAt(duration, "2026-07-10T16:00+02:00"));

    private static Instant DueInJoursOuvrables(string duration, string from, DayRoll? roll = null) =>
        DeadlineCalculator.DueAt(
            new Deadline { Duration = IsoPeriod(duration), Counting = DayCounting.WorkingDaysAndSaturdays, Roll = roll }, At(from), Metropole);

    [Theory]
    [InlineData("P5D", "2026-07-10T16:00+02:00", "2026-07-18T00:00+02:00")] // Friday 10 July: Saturday 11, 13, (14 July), 15, 16, 17
    [InlineData("P1W", "2026-07-10T16:00+02:00", "2026-07-21T00:00+02:00")] // a week is six: 11, 13, 15, 16, 17, Saturday 18 → Monday 20 (CPC 642)
    [InlineData("P3D", "2026-05-06T10:00+02:00", "2026-05-12T00:00+02:00")] // Thursday 7, (Friday 8 May), Saturday 9, Monday 11
    [InlineData("P2D", "2026-05-23T10:00+02:00", "2026-05-28T00:00+02:00")] // from Saturday 23: (Sunday), (Whit Monday), Tuesday 26, Wednesday 27
    public void Jours_ouvrables_count_Saturdays_but_not_Sundays_or_holidays(string duration, string from, string due) =>
        Assert.Equal(At(due), DueInJoursOuvrables(duration, from));

    [Fact]
    public void Jours_ouvrables_ending_on_a_Saturday_roll_to_Monday_unless_the_legal_basis_keeps_the_Saturday()
    {
        // Monday 6 July 2026 + 5 jours ouvrables: 7, 8, 9, 10, Saturday 11.
        Assert.Equal(At("2026-07-14T00:00+02:00"), DueInJoursOuvrables("P5D", "2026-07-06T09:00+02:00")); // CPC 642: Monday 13
        Assert.Equal(At("2026-07-12T00:00+02:00"), DueInJoursOuvrables("P5D", "2026-07-06T09:00+02:00", DayRoll.None));
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("PT72H")]
    public void Months_and_hours_cannot_be_counted_in_jours_ouvrables(string duration) =>
        Assert.Throws<ArgumentException>(() => DueInJoursOuvrables(duration, "2026-07-10T16:00+02:00"));
}
