using NodaTime;
using NodaTime.Text;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Workflows.Conditions;

/// <summary>
/// Pathway's date operators, on dates written <c>yyyy-MM-dd</c> as date variables hold them. They are deterministic:
/// <c>today</c> is the local date of the step's stimulus on the deployment's calendar, never the machine's clock,
/// so replaying a file gives the same decisions. A value that is not a date (an unset variable) gives null, as
/// arithmetic on a missing value would; the checker rejects literals that are not dates or periods at publish.
/// </summary>
internal static class DateOperators
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    public static bool TryParseDate(string? text, out LocalDate date)
    {
        date = default;
        if (text is null) return false;
        var result = IsoDate.Parse(text);
        if (!result.Success) return false;
        date = result.Value;
        return true;
    }

    public static string Format(LocalDate date) => IsoDate.Format(date);

    /// <summary>An ISO 8601 period of whole days or more (<c>P1Y</c>, <c>P2M</c>, <c>P3W</c>, <c>P8D</c>,
    /// <c>P1Y6M</c>), optionally negative: <c>-P8D</c> is eight days earlier. Hours and below are refused: a date has
    /// no time of day.</summary>
    public static bool TryParsePeriod(string? text, out Period period)
    {
        period = Period.Zero;
        if (string.IsNullOrEmpty(text)) return false;
        var negative = text[0] == '-';
        var result = PeriodPattern.NormalizingIso.Parse(negative ? text[1..] : text);
        if (!result.Success || result.Value.HasTimeComponent) return false;
        // NormalizingIso folds weeks into days, which LocalDate.Plus adds exactly as weeks would be.
        period = negative ? Period.Zero - result.Value : result.Value;
        return true;
    }

    /// <summary>The date moved by the period, the NodaTime way: years, then months, then days; a month that has no
    /// such day ends on its last day (31 January + P1M is 28 or 29 February).</summary>
    public static string? Add(string? date, string? period)
    {
        if (!TryParseDate(date, out var start) || !TryParsePeriod(period, out var moved)) return null;
        try
        {
            var result = start.Plus(moved);
            return result.Year is >= 1 and <= 9999 ? Format(result) : null;
        }
        catch (OverflowException)
        {
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Whole years from <paramref name="birth"/> to <paramref name="at"/>: a child born on 29 February is a
    /// year older on 28 February of a common year (NodaTime's <see cref="Period.Between(LocalDate, LocalDate, PeriodUnits)"/>).
    /// Negative when the date is before the birth.</summary>
    public static double? AgeAt(string? birth, string? at)
    {
        if (!TryParseDate(birth, out var born) || !TryParseDate(at, out var day)) return null;
        return Period.Between(born, day, PeriodUnits.Years).Years;
    }

    /// <summary>ISO day of the week: 1 for Monday to 7 for Sunday.</summary>
    public static double? DayOfWeek(string? date) =>
        TryParseDate(date, out var day) ? (int)day.DayOfWeek : null;

    /// <summary>The most working days <c>working-day</c> counts in one go: about forty years, far more than any
    /// legal period, and a bound on the work one condition can cause.</summary>
    public const int MaxWorkingDays = 10_000;

    /// <summary>Whether the date is a working day (« jour ouvré »: Monday to Friday, not a public holiday of the
    /// deployment's territory nor one of its local non-working days).</summary>
    public static bool? IsWorkingDay(string? date, DeploymentCalendar calendar)
    {
        if (!TryParseDate(date, out var day) || day.Year < FrenchPublicHolidays.FirstYear) return null;
        return new FrenchCalendar(calendar).IsWorkingDay(day);
    }

    /// <summary>The <paramref name="count"/>-th working day after the date (before it when negative), the date itself
    /// never counting; with 0, the date when it is a working day, else the next working day. Null for a count that is
    /// not a whole number of at most <see cref="MaxWorkingDays"/>.</summary>
    public static string? AddWorkingDays(string? date, double? count, DeploymentCalendar calendar)
    {
        if (!TryParseDate(date, out var day) || count is not { } n || !IsWholeCount(n)) return null;
        var days = new FrenchCalendar(calendar);
        try
        {
            var result = n switch
            {
                0 => days.OnOrAfter(day),
                > 0 => days.After(day, (int)n),
                _ => days.Before(day, (int)-n),
            };
            return Format(result);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // before 1583 (no Easter to count holidays from) or past the end of the calendar
        }
    }

    public static bool IsWholeCount(double n) => double.IsInteger(n) && Math.Abs(n) <= MaxWorkingDays;
}
