using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Observatory;

/// <summary>
/// The months the statistics cover, from the first day of <see cref="From"/> to the last of <see cref="To"/>, on
/// the calendar of Paris (a file opened on 1 April at 00:30 in Paris is an April file, though it is still March in UTC).
/// </summary>
public sealed record StatisticsPeriod(YearMonth From, YearMonth To)
{
    /// <summary>Ten years: enough for any report, and a bound on the work one request asks for.</summary>
    public const int MaxMonths = 120;

    private static readonly YearMonthPattern Pattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    /// <summary>The months a period may cover: no file is older than 2000 (the yearly export's bound too), and both ends
    /// stay far from the calendar's (year 1 has no instant a DateTime holds, 9999-12 has no next month).</summary>
    private static readonly YearMonth First = new(2000, 1), Last = new(2999, 12);

    public static DateTimeZone Zone => Interpreter.Paris;

    public Instant Start => From.OnDayOfMonth(1).AtStartOfDayInZone(Zone).ToInstant();

    /// <summary>Exclusive.</summary>
    public Instant End => To.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(Zone).ToInstant();

    public IEnumerable<YearMonth> Months()
    {
        for (var month = From; month <= To; month = month.PlusMonths(1)) yield return month;
    }

    public bool Contains(Instant instant) => instant >= Start && instant < End;

    public string Label => From == To ? Format(From) : $"{Format(From)} à {Format(To)}";

    public static YearMonth MonthOf(Instant instant) => instant.InZone(Zone).Date.ToYearMonth();

    public static string Format(YearMonth month) => Pattern.Format(month);

    /// <summary>The period of <c>?from=2026-01&amp;to=2026-12</c>; by default, from January of this year to this month.</summary>
    /// <returns>The period, or the French message saying what is wrong.</returns>
    public static (StatisticsPeriod? Period, string? Field, string? Problem) Parse(string? from, string? to, Instant now)
    {
        var thisMonth = MonthOf(now);
        var start = new YearMonth(thisMonth.Year, 1);
        var end = thisMonth;
        if (!string.IsNullOrEmpty(from) && !TryParse(from, out start)) return (null, "from", "Mois attendu au format AAAA-MM, par exemple 2026-01.");
        if (!string.IsNullOrEmpty(to) && !TryParse(to, out end)) return (null, "to", "Mois attendu au format AAAA-MM, par exemple 2026-12.");
        if (start < First || start > Last) return (null, "from", $"Mois attendu entre {Format(First)} et {Format(Last)}.");
        if (end < First || end > Last) return (null, "to", $"Mois attendu entre {Format(First)} et {Format(Last)}.");
        if (end < start) return (null, "to", "La fin de la période précède son début.");
        if (Period.Between(start.OnDayOfMonth(1), end.OnDayOfMonth(1), PeriodUnits.Months).Months >= MaxMonths)
            return (null, "to", string.Create(CultureInfo.InvariantCulture, $"Une période couvre au plus {MaxMonths} mois."));
        return (new StatisticsPeriod(start, end), null, null);
    }

    /// <summary>A calendar year, for the yearly export.</summary>
    public static StatisticsPeriod Year(int year) => new(new YearMonth(year, 1), new YearMonth(year, 12));

    private static bool TryParse(string text, out YearMonth month)
    {
        var result = Pattern.Parse(text);
        month = result.Success ? result.Value : default;
        return result.Success;
    }
}
