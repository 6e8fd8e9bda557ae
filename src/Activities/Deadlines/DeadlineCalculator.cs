using NodaTime;
using Pathway.Workflows.Activities;

namespace Pathway.Activities.Deadlines;

/// <summary>
/// When a deadline expires, counted the way French procedure counts it (CPC 640-642). See docs/deadlines.md.
/// </summary>
public static class DeadlineCalculator
{
    /// <summary>
    /// The instant a deadline running from <paramref name="from"/> expires: the first instant at which it is missed.
    /// <list type="bullet">
    /// <item>Days, weeks, months, years counted on the calendar: the day of <paramref name="from"/> does not count,
    /// months run to the same date (or the last day of a shorter month), an end on a Saturday, Sunday or public holiday
    /// moves to the next working day, and the period expires at midnight ending that day.</item>
    /// <item>Working days: only the days and weeks (five working days each) count; expires at midnight ending the last one.</item>
    /// <item>With hours, minutes or seconds: elapsed time, never moved to a working day. A date part is added first
    /// on the local calendar, then the time part as elapsed time, so <c>PT72H</c> is 72 real hours across a change of clocks.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">The duration is empty or negative, or counts months, years or a time part in working days.</exception>
    public static Instant DueAt(Deadline deadline, Instant from, DateTimeZone zone)
    {
        var duration = deadline.Duration;
        PeriodParts.EnsurePositive(duration, nameof(deadline));
        if (deadline.Counting == DayCounting.WorkingDays)
            return EndOfDay(WorkingDays.After(DayOf(from, zone), WorkingDayCount(duration, nameof(deadline))), zone);
        if (duration.HasTimeComponent)
            return Elapsed(from, duration, zone);
        var lastDay = DayOf(from, zone) + duration;     // CPC 641: months first, then days; 31 Jan + 1 month = end of February
        return EndOfDay(WorkingDays.OnOrAfter(lastDay), zone); // CPC 642
    }

    /// <summary>
    /// When to remind someone <paramref name="before"/> a deadline expiring at <paramref name="due"/>. The arithmetic
    /// mirrors <see cref="DueAt"/>'s, in reverse: the time part as elapsed time, then the date part on the local
    /// calendar (so <c>P2D</c> before a midnight is a midnight); no working-day adjustment. The reminder may lie in
    /// the past; the caller decides what that means.
    /// </summary>
    public static Instant ReminderAt(Instant due, Period before, DateTimeZone zone)
    {
        PeriodParts.EnsurePositive(before, nameof(before));
        var local = (due - PeriodParts.TimePart(before)).InZone(zone).LocalDateTime;
        return (local - PeriodParts.DatePart(before)).InZoneLeniently(zone).ToInstant();
    }

    private static int WorkingDayCount(Period duration, string parameter)
    {
        if (duration.Years != 0 || duration.Months != 0 || duration.HasTimeComponent)
            throw new ArgumentException(
                $"A deadline in working days counts days and weeks only, not {duration}.", parameter);
        // A week of working days is five of them; a checked sum so an absurd duration fails rather than wraps.
        return checked(duration.Weeks * 5 + duration.Days);
    }

    private static Instant Elapsed(Instant from, Period duration, DateTimeZone zone)
    {
        var dateMoved = (from.InZone(zone).LocalDateTime + PeriodParts.DatePart(duration)).InZoneLeniently(zone).ToInstant();
        return dateMoved + PeriodParts.TimePart(duration);
    }

    private static LocalDate DayOf(Instant instant, DateTimeZone zone) => instant.InZone(zone).Date;

    // "Tout délai expire le dernier jour à vingt-quatre heures" (CPC 642): the start of the next day, which
    // AtStartOfDayInZone finds even in a zone whose clocks change at midnight.
    private static Instant EndOfDay(LocalDate day, DateTimeZone zone) => day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
}
