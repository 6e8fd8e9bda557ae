using NodaTime;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Deadlines;

/// <summary>
/// When a deadline expires, counted the way French procedure counts it (CPC 640-642), on the calendar of the
/// deployment's territory. See docs/deadlines.md.
/// </summary>
public static class DeadlineCalculator
{
    /// <summary>
    /// The instant <paramref name="deadline"/> expires for an activity running now: counted back from its event's
    /// date variable when it has one (<see cref="Deadline.Before"/>), otherwise forward from now.
    /// </summary>
    /// <exception cref="InvalidOperationException">The event's variable holds no date.</exception>
    public static Instant DueAt(Deadline deadline, ActivityContext context)
    {
        if (deadline.Before is not { } anchor)
            return DueAt(deadline, context.Now, context.Calendar);
        var text = context.GetVariable(anchor.Variable)?.GetValue<string>()
            ?? throw new InvalidOperationException($"Variable '{anchor.Variable}' has no date to count the deadline back from.");
        // A date variable holds yyyy-MM-dd; a date-time (with offset) counts by its date where the deadline runs.
        var zone = context.Calendar.For(deadline.Territory).Zone;
        var eventDay = Dates.TryParse(text, zone)?.InZone(zone).Date
            ?? throw new InvalidOperationException($"Variable '{anchor.Variable}' does not hold a date.");
        return DueBefore(deadline, eventDay, context.Calendar);
    }

    /// <summary>
    /// The instant a deadline running from <paramref name="from"/> expires: the first instant at which it is missed.
    /// <list type="bullet">
    /// <item>Days, weeks, months, years counted on the calendar: the day of <paramref name="from"/> does not count,
    /// months run to the same date (or the last day of a shorter month), an end on a Saturday, Sunday or holiday
    /// moves to the next working day (unless <see cref="Deadline.Roll"/> says otherwise), and the period expires at
    /// midnight ending that day.</item>
    /// <item>Working days (« jours ouvrés ») or working days and Saturdays (« jours ouvrables »): only the days and
    /// weeks (five or six such days) count; expires at midnight ending the last one.</item>
    /// <item>With hours, minutes or seconds: elapsed time, never moved to a working day (<see cref="Durations.Add"/>).</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">The duration is empty or negative, counts months, years or a time part in
    /// working days, or the deadline is counted before an event (see <see cref="DueBefore"/>).</exception>
    public static Instant DueAt(Deadline deadline, Instant from, DeploymentCalendar deployment)
    {
        if (deadline.Before is not null)
            throw new ArgumentException("This deadline is counted back from an event: use DueBefore.", nameof(deadline));
        var duration = deadline.Duration;
        EnsurePositive(duration, nameof(deadline));
        var calendar = deployment.For(deadline.Territory);
        var days = new FrenchCalendar(calendar);
        if (deadline.Counting != DayCounting.Calendar)
        {
            var last = days.After(DayOf(from, calendar.Zone), CountedDays(deadline, nameof(deadline)), deadline.Counting);
            return EndOfDay(days.Rolled(last, deadline.EffectiveRoll), calendar.Zone);
        }

        if (duration.HasTimeComponent)
            return Durations.Add(from, duration, calendar.Zone);
        var lastDay = DayOf(from, calendar.Zone) + duration;                            // CPC 641: months first, then days; 31 Jan + 1 month = end of February
        return EndOfDay(days.Rolled(lastDay, deadline.EffectiveRoll), calendar.Zone); // CPC 642
    }

    /// <summary>
    /// The instant a deadline counted back from <paramref name="eventDay"/> expires (« au moins huit jours avant
    /// l'audience »): the event's day (plus <see cref="DeadlineAnchor.Plus"/>) does not count; the period counted back
    /// from the day before must lie whole between the act and the event (délais à rebours are francs, Cass. civ. 2e,
    /// 20 octobre 2005, n° 04-10.138), so the last day for the act is the day before the period's first day; that day,
    /// when not a working day, moves back to the previous one (CPC 642's extension does not apply backwards, Cass. civ.
    /// 2e, 4 février 1998, n° 96-13.391), unless <see cref="Deadline.Roll"/> is <see cref="DayRoll.None"/>. Expires at
    /// midnight ending that day.
    /// </summary>
    /// <exception cref="ArgumentException">The deadline is not counted before an event, or its duration is refused.</exception>
    public static Instant DueBefore(Deadline deadline, LocalDate eventDay, DeploymentCalendar deployment)
    {
        if (deadline.Before is not { } anchor)
            throw new ArgumentException("This deadline is counted forward: use DueAt.", nameof(deadline));
        var duration = deadline.Duration;
        EnsurePositive(duration, nameof(deadline));
        if (!deadline.IsInDays)
            throw new ArgumentException($"A deadline counted before an event is in days, not {duration}.", nameof(deadline));
        if (deadline.EffectiveRoll == DayRoll.Next)
            throw new ArgumentException("A deadline counted before an event never moves forward, towards the event.", nameof(deadline));
        var calendar = deployment.For(deadline.Territory);
        var days = new FrenchCalendar(calendar);
        var day = eventDay + (anchor.Plus ?? Period.Zero);
        var first = deadline.Counting == DayCounting.Calendar
            ? day - duration
            : days.Before(day, CountedDays(deadline, nameof(deadline)), deadline.Counting);
        return EndOfDay(days.Rolled(first.PlusDays(-1), deadline.EffectiveRoll), calendar.Zone);
    }

    /// <summary>
    /// When to remind someone <paramref name="before"/> a deadline expiring at <paramref name="due"/>. The arithmetic
    /// mirrors <see cref="Durations.Add"/>'s, in reverse: the time part as elapsed time, then the date part on the local
    /// calendar (so <c>P2D</c> before a midnight is a midnight); no working-day adjustment. The reminder may lie in
    /// the past; the caller decides what that means.
    /// </summary>
    public static Instant ReminderAt(Instant due, Period before, DateTimeZone zone)
    {
        EnsurePositive(before, nameof(before));
        var local = (due - Durations.TimePart(before)).InZone(zone).LocalDateTime;
        return (local - Durations.DatePart(before)).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>How many working days (five a week) or working days and Saturdays (six a week) a deadline counts.</summary>
    private static int CountedDays(Deadline deadline, string parameter)
    {
        var duration = deadline.Duration;
        if (duration.Years != 0 || duration.Months != 0 || duration.HasTimeComponent)
            throw new ArgumentException(
                $"A deadline in working days counts days and weeks only, not {duration}.", parameter);
        var week = deadline.Counting == DayCounting.WorkingDaysAndSaturdays ? 6 : 5;
        // A checked sum so an absurd duration fails rather than wraps.
        return checked(duration.Weeks * week + duration.Days);
    }

    /// <summary>Rejects empty periods and periods with a negative unit: a deadline or a reminder always lies ahead of its origin.</summary>
    private static void EnsurePositive(Period period, string parameter)
    {
        var units = new[]
        {
            period.Years, period.Months, period.Weeks, period.Days, period.Hours, period.Minutes, period.Seconds,
            period.Milliseconds, period.Ticks, period.Nanoseconds,
        };
        if (units.Any(unit => unit < 0))
            throw new ArgumentException($"The period {period} has a negative unit.", parameter);
        if (period.Equals(Period.Zero))
            throw new ArgumentException("The period is empty.", parameter);
    }

    private static LocalDate DayOf(Instant instant, DateTimeZone zone) => instant.InZone(zone).Date;

    // "Tout délai expire le dernier jour à vingt-quatre heures" (CPC 642): the start of the next day, which
    // AtStartOfDayInZone finds even in a zone whose clocks change at midnight.
    private static Instant EndOfDay(LocalDate day, DateTimeZone zone) => day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
}
