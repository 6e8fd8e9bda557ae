using NodaTime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>How the days of a deadline are counted.</summary>
public enum DayCounting
{
    /// <summary>Calendar days (and months, to the same date); a period ending on a Saturday, Sunday or public
    /// holiday ends on the next working day (CPC 641-642).</summary>
    Calendar,
    /// <summary>« Jours ouvrés »: only Monday to Friday count, not public holidays.</summary>
    WorkingDays,
    /// <summary>« Jours ouvrables »: every day counts but Sundays and public holidays (Saturdays count).</summary>
    WorkingDaysAndSaturdays,
}

/// <summary>Where the last day of a deadline moves when it is not a working day (a Saturday, a Sunday, a holiday).</summary>
public enum DayRoll
{
    /// <summary>To the next working day (CPC 642): the default for a deadline counted from an event.</summary>
    Next,
    /// <summary>To the previous working day: the default for a deadline counted back from an event (an act due
    /// « au moins huit jours avant l'audience » must be done while offices are open).</summary>
    Previous,
    /// <summary>Nowhere: the last day stands, whatever day it is.</summary>
    None,
}

/// <summary>The event a deadline is counted back from: the date in <see cref="Variable"/>, plus <see cref="Plus"/>.</summary>
public sealed record DeadlineAnchor
{
    /// <summary>A date variable of the definition (the hearing date, the birth date).</summary>
    public required string Variable { get; init; }

    /// <summary>Added to the variable's date first: <c>P18Y</c> turns a birth date into the day of majority.</summary>
    public Period? Plus { get; init; }

    /// <summary>The event in words, as it reads after « avant » (« l'audience », « la majorité »).</summary>
    public string? Event { get; init; }
}

/// <summary>
/// A deadline as a process owner writes it: <c>{ "duration": "P8D", "counting": "calendar", "legalBasis": "C. civ. 375-5" }</c>.
/// A duration in days, weeks, months or years is a legal period (it ends at midnight, in the territory's zone, of its
/// last day); a duration with hours, minutes or seconds is elapsed time (practice deadlines such as <c>PT72H</c>).
/// With <see cref="Before"/>, the period is counted back from a date (« au moins huit jours avant l'audience »).
/// Without a legal basis it is a practice deadline, which the process owners set themselves. See docs/deadlines.md.
/// </summary>
public sealed record Deadline
{
    public required Period Duration { get; init; }

    public DayCounting Counting { get; init; } = DayCounting.Calendar;

    /// <summary>The text the deadline comes from, shown to partners and the coordinator (e.g. "C. civ. 375-5").</summary>
    public string? LegalBasis { get; init; }

    /// <summary>Counted back from this event rather than forward from the task's start.</summary>
    public DeadlineAnchor? Before { get; init; }

    /// <summary>Where a last day that is not a working day moves; by default forward (CPC 642), or back for
    /// a deadline counted <see cref="Before"/> an event.</summary>
    public DayRoll? Roll { get; init; }

    /// <summary>The territory whose calendar the legal basis counts on, when it is not the deployment's own.</summary>
    public Territory? Territory { get; init; }

    /// <summary>True when the duration has no time part: counted in whole days, ending at midnight.</summary>
    public bool IsInDays => Duration.HasDateComponent && !Duration.HasTimeComponent;

    /// <summary>The roll that applies: <see cref="Roll"/>, else the default of the deadline's direction.</summary>
    public DayRoll EffectiveRoll => Roll ?? (Before is null ? DayRoll.Next : DayRoll.Previous);
}
