using NodaTime;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

public class FrenchPublicHolidaysTests
{
    [Theory]
    [InlineData(1818, "1818-03-22")] // the earliest possible date
    [InlineData(1943, "1943-04-25")] // the latest possible date
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_Sunday_is_computed_for_any_Gregorian_year(int year, string easter) =>
        Assert.Equal(Date(easter), FrenchPublicHolidays.EasterSunday(year));

    [Fact]
    public void A_year_has_the_eleven_public_holidays_of_metropolitan_France()
    {
        string[] expected =
        [
            "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
            "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
        ];
        Assert.Equal(expected.Select(Date).ToHashSet(), FrenchPublicHolidays.InYear(2026));
    }

    [Theory]
    [InlineData("2027-03-29")] // Easter Monday: Easter on 28 March 2027
    [InlineData("2027-05-06")] // Ascension: Easter + 39 days
    [InlineData("2027-05-17")] // Whit Monday: Easter + 50 days
    [InlineData("2025-04-21")]
    [InlineData("2025-05-29")]
    [InlineData("2025-06-09")]
    public void The_holidays_that_move_with_Easter_follow_it(string date) =>
        Assert.True(FrenchPublicHolidays.IsPublicHoliday(Date(date)));

    [Theory]
    [InlineData("2026-04-05")] // Easter Sunday itself is not in the list (it is a Sunday anyway)
    [InlineData("2026-04-03")] // Good Friday: Alsace-Moselle only
    [InlineData("2026-12-26")] // Saint-Étienne: Alsace-Moselle only
    [InlineData("2026-05-24")] // Whit Sunday
    [InlineData("2026-07-13")]
    public void Other_days_are_not_public_holidays(string date) =>
        Assert.False(FrenchPublicHolidays.IsPublicHoliday(Date(date)));

    [Fact]
    public void Holidays_falling_on_the_same_day_count_once()
    {
        // Easter 2008 was on 23 March, so Ascension fell on 1 May.
        Assert.Equal(Date("2008-05-01"), FrenchPublicHolidays.EasterSunday(2008).PlusDays(39));
        Assert.Equal(10, FrenchPublicHolidays.InYear(2008).Count);
    }

    [Fact]
    public void Years_before_the_Gregorian_calendar_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrenchPublicHolidays.IsPublicHoliday(new LocalDate(1582, 7, 14)));
}
