using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Deadlines;

/// <summary>Deadlines in words for social workers and partners (French).</summary>
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
        if (IsMidnight(due, zone))
            return $"jusqu'au {LongDate(local.Date.PlusDays(-1))} inclus";
        return $"avant le {ShortDate.Format(local.Date)} à {Time(local.TimeOfDay)}";
    }

    /// <summary>
    /// <paramref name="due"/>, the instant <paramref name="deadline"/> expires, in words: for a deadline counted back
    /// from an event, "au plus tard le vendredi 4 décembre 2026, 8 jours avant l'audience" (the event named when the
    /// definition names it); otherwise as <see cref="Describe(Instant, DateTimeZone)"/>.
    /// </summary>
    public static string Describe(Deadline deadline, Instant due, DateTimeZone zone)
    {
        if (deadline.Before is not { } anchor || !IsMidnight(due, zone))
            return Describe(due, zone);
        var lastDay = LongDate(due.InZone(zone).Date.PlusDays(-1));
        return anchor.Event is { } name
            ? $"au plus tard le {lastDay}, {Length(deadline)} avant {name}"
            : $"au plus tard le {lastDay}";
    }

    /// <summary>How long a deadline is, as people say it: « 8 jours », « 1 an », « 10 jours ouvrés », « 10 jours ouvrables ».</summary>
    public static string Length(Deadline deadline) => deadline.Counting switch
    {
        // Counted days, weeks included: "P1W" of working days is « 5 jours ouvrés ».
        DayCounting.WorkingDays => CountedDays(deadline.Duration, 5, "ouvré", "ouvrés"),
        DayCounting.WorkingDaysAndSaturdays => CountedDays(deadline.Duration, 6, "ouvrable", "ouvrables"),
        _ => Period(deadline.Duration),
    };

    /// <summary>« 8 jours », « 2 semaines », « 1 an et 6 mois », « 72 heures »: an ISO 8601 duration in words.</summary>
    public static string Period(Period period)
    {
        static string Unit(long n, string one, string many) => $"{n} {(n > 1 ? many : one)}";
        var parts = new List<string>();
        if (period.Years != 0) parts.Add(Unit(period.Years, "an", "ans"));
        if (period.Months != 0) parts.Add(Unit(period.Months, "mois", "mois"));
        if (period.Weeks != 0) parts.Add(Unit(period.Weeks, "semaine", "semaines"));
        if (period.Days != 0) parts.Add(Unit(period.Days, "jour", "jours"));
        if (period.Hours != 0) parts.Add(Unit(period.Hours, "heure", "heures"));
        if (period.Minutes != 0) parts.Add(Unit(period.Minutes, "minute", "minutes"));
        if (period.Seconds != 0) parts.Add(Unit(period.Seconds, "seconde", "secondes"));
        return parts.Count > 0 ? string.Join(" et ", parts) : period.ToString();
    }

    private static string CountedDays(Period duration, int week, string one, string many)
    {
        var days = (long)duration.Weeks * week + duration.Days;
        return days > 1 ? $"{days} jours {many}" : $"{days} jour {one}";
    }

    private static bool IsMidnight(Instant due, DateTimeZone zone) => due == due.InZone(zone).Date.AtStartOfDayInZone(zone).ToInstant();

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
