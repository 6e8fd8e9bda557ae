using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Pathway.Activities.Deadlines;

/// <summary>A due instant in words for social workers and partners (French).</summary>
public static class DeadlineText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly LocalDatePattern ShortDate = LocalDatePattern.Create("dd'/'MM'/'yyyy", French);

    /// <summary>
    /// "jusqu'au lundi 20 juillet 2026 inclus" when the deadline expires at midnight (a deadline in days, whose last
    /// day is the one before <paramref name="due"/>); otherwise "avant le 13/07/2026 à 14 h 30". Minutes are
    /// truncated, so the text never gives more time than the deadline does.
    /// </summary>
    public static string Describe(Instant due, DateTimeZone zone)
    {
        var local = due.InZone(zone);
        if (due == local.Date.AtStartOfDayInZone(zone).ToInstant())
            return $"jusqu'au {LongDate(local.Date.PlusDays(-1))} inclus";
        return $"avant le {ShortDate.Format(local.Date)} à {Time(local.TimeOfDay)}";
    }

    // "lundi 1er juin 2026": French writes the first of the month as an ordinal.
    private static string LongDate(LocalDate date)
    {
        var dayName = French.DateTimeFormat.GetDayName(date.ToDateOnly().DayOfWeek);
        var day = date.Day == 1 ? "1er" : date.Day.ToString(French);
        var month = French.DateTimeFormat.GetMonthName(date.Month);
        return $"{dayName} {day} {month} {date.Year}";
    }

    private static string Time(LocalTime time) =>
        time.Minute == 0 ? $"{time.Hour} h" : $"{time.Hour} h {time.Minute:00}";
}
