using NodaTime;
using Pathway.Host.Observatory;

namespace Pathway.Host.Tests.Observatory;

/// <summary>The months of <c>?from=&amp;to=</c>: refused by field when the calendar could not count them (a 500 once).</summary>
public sealed class StatisticsPeriodTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 10, 0);

    [Theory]
    [InlineData("0001-01", "0001-02", "from")]
    [InlineData("1999-12", "2000-06", "from")]
    [InlineData("9999-12", "9999-12", "from")]
    [InlineData("2026-01", "9999-12", "to")]
    public void A_month_outside_2000_to_2999_is_refused_by_field(string from, string to, string field)
    {
        var (period, refused, problem) = StatisticsPeriod.Parse(from, to, Now);

        Assert.Null(period);
        Assert.Equal(field, refused);
        Assert.Equal("Mois attendu entre 2000-01 et 2999-12.", problem);
    }

    [Fact]
    public void The_first_and_last_months_allowed_have_a_start_and_an_end()
    {
        var (first, _, _) = StatisticsPeriod.Parse("2000-01", "2000-12", Now);
        var (last, _, _) = StatisticsPeriod.Parse("2999-01", "2999-12", Now);

        Assert.Equal(Instant.FromUtc(1999, 12, 31, 23, 0), first!.Start);
        Assert.Equal(Instant.FromUtc(2999, 12, 31, 23, 0), last!.End);
    }
}
