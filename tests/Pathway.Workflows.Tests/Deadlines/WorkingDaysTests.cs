using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

public class WorkingDaysTests
{
    [Theory]
    [InlineData("2026-07-13", true)]  // Monday
    [InlineData("2026-07-14", false)] // Tuesday, Fête nationale
    [InlineData("2026-07-17", true)]  // Friday
    [InlineData("2026-07-18", false)] // Saturday
    [InlineData("2026-07-19", false)] // Sunday
    public void A_working_day_is_neither_a_weekend_day_nor_a_public_holiday(string date, bool working) =>
        Assert.Equal(working, FrenchCalendar.Metropole.IsWorkingDay(Date(date)));

    [Theory]
    [InlineData("2026-07-15", "2026-07-15")] // already a working day
    [InlineData("2026-07-14", "2026-07-15")] // holiday
    [InlineData("2026-07-18", "2026-07-20")] // weekend
    [InlineData("2026-10-31", "2026-11-02")] // Saturday, then Toussaint on a Sunday
    [InlineData("2027-05-15", "2027-05-18")] // Saturday, Sunday, Whit Monday
    public void A_day_rolls_forward_to_the_first_working_day_on_or_after_it(string date, string rolled) =>
        Assert.Equal(Date(rolled), FrenchCalendar.Metropole.OnOrAfter(Date(date)));

    [Theory]
    [InlineData("2026-07-10", 0, "2026-07-10")]
    [InlineData("2026-07-10", 1, "2026-07-13")] // Friday: the next working day is Monday
    [InlineData("2026-07-10", 5, "2026-07-20")] // 13, 15, 16, 17, 20: 14 July skipped
    [InlineData("2026-07-11", 1, "2026-07-13")] // counting from a Saturday
    public void Working_days_are_counted_after_the_given_day(string date, int count, string expected) =>
        Assert.Equal(Date(expected), FrenchCalendar.Metropole.After(Date(date), count));
}
