using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>
/// The public holidays of each territory for 2026, 2027 and 2028, written out by hand. Easter Sunday, from the
/// published calendars: 5 April 2026, 28 March 2027, 16 April 2028; Good Friday is two days before, Easter Monday
/// the day after, Ascension 39 days after (a Thursday), Whit Monday 50 days after.
/// </summary>
public sealed class TerritoryHolidaysTests
{
    // Code du travail L3133-1: 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 Aug, 1 Nov, 11 Nov, 25 Dec.
    private static readonly Dictionary<int, string[]> Metropolitan = new()
    {
        [2026] = ["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25", "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"],
        [2027] = ["2027-01-01", "2027-03-29", "2027-05-01", "2027-05-08", "2027-05-06", "2027-05-17", "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25"],
        [2028] = ["2028-01-01", "2028-04-17", "2028-05-01", "2028-05-08", "2028-05-25", "2028-06-05", "2028-07-14", "2028-08-15", "2028-11-01", "2028-11-11", "2028-12-25"],
    };

    /// <summary>What each territory adds to the metropolitan list, year by year.</summary>
    public static TheoryData<Territory, string[], string[], string[]> Territories => new()
    {
        { Territory.Metropole, [], [], [] },
        // C. trav. L3134-13: Good Friday (3 April 2026, 26 March 2027, 14 April 2028) and 26 December.
        { Territory.AlsaceMoselle, ["2026-04-03", "2026-12-26"], ["2027-03-26", "2027-12-26"], ["2028-04-14", "2028-12-26"] },
        // C. trav. L3422-2: the abolition of slavery.
        { Territory.Guadeloupe, ["2026-05-27"], ["2027-05-27"], ["2028-05-27"] },
        { Territory.Guyane, ["2026-06-10"], ["2027-06-10"], ["2028-06-10"] },
        { Territory.Martinique, ["2026-05-22"], ["2027-05-22"], ["2028-05-22"] },
        { Territory.Mayotte, ["2026-04-27"], ["2027-04-27"], ["2028-04-27"] },
        { Territory.LaReunion, ["2026-12-20"], ["2027-12-20"], ["2028-12-20"] },
        { Territory.SaintBarthelemy, ["2026-10-09"], ["2027-10-09"], ["2028-10-09"] },
        { Territory.SaintMartin, ["2026-05-27"], ["2027-05-27"], ["2028-05-27"] },
        { Territory.SaintPierreEtMiquelon, [], [], [] },
    };

    [Theory]
    [MemberData(nameof(Territories))]
    public void Each_territory_has_its_own_public_holidays(Territory territory, string[] in2026, string[] in2027, string[] in2028)
    {
        foreach (var (year, extra) in new[] { (2026, in2026), (2027, in2027), (2028, in2028) })
        {
            var expected = Metropolitan[year].Concat(extra).Select(Date).ToHashSet();
            Assert.Equal(expected, FrenchPublicHolidays.InYear(year, territory));
        }
    }

    [Fact]
    public void Every_territory_has_a_test() =>
        Assert.Equal(Enum.GetValues<Territory>().Order(), Territories.Select(row => (Territory)row[0]).Order());

    [Theory]
    [InlineData(Territory.Metropole, "Europe/Paris")]
    [InlineData(Territory.AlsaceMoselle, "Europe/Paris")]
    [InlineData(Territory.Guadeloupe, "America/Guadeloupe")]
    [InlineData(Territory.Guyane, "America/Cayenne")]
    [InlineData(Territory.Martinique, "America/Martinique")]
    [InlineData(Territory.Mayotte, "Indian/Mayotte")]
    [InlineData(Territory.LaReunion, "Indian/Reunion")]
    [InlineData(Territory.SaintBarthelemy, "America/St_Barthelemy")]
    [InlineData(Territory.SaintMartin, "America/Marigot")]
    [InlineData(Territory.SaintPierreEtMiquelon, "America/Miquelon")]
    public void Each_territory_counts_in_its_own_time_zone(Territory territory, string zone) =>
        Assert.Equal(zone, new DeploymentCalendar(territory).Zone.Id);

    [Fact]
    public void A_local_non_working_day_declared_by_a_deployment_is_not_a_working_day()
    {
        // Saint-Martin: the Code says 27 May, the préfecture recognises 28 May; a deployment declares the 28th.
        var saintMartin = new FrenchCalendar(new DeploymentCalendar(Territory.SaintMartin, [Date("2026-05-28")]));

        Assert.False(saintMartin.IsWorkingDay(Date("2026-05-27"))); // Wednesday, L3422-2
        Assert.False(saintMartin.IsWorkingDay(Date("2026-05-28"))); // Thursday, declared
        Assert.True(saintMartin.IsWorkingDay(Date("2026-05-29")));
        Assert.True(FrenchCalendar.Metropole.IsWorkingDay(Date("2026-05-28")));
    }
}
