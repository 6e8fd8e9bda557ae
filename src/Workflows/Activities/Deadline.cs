using NodaTime;

namespace Pathway.Workflows.Activities;

/// <summary>How the days of a deadline are counted.</summary>
public enum DayCounting
{
    /// <summary>Calendar days (and months, to the same date); a period ending on a Saturday, Sunday or public
    /// holiday ends on the next working day (CPC 641-642).</summary>
    Calendar,
    /// <summary>Only working days count: not Saturdays, Sundays or French public holidays.</summary>
    WorkingDays,
}

/// <summary>
/// A deadline as a process owner writes it: <c>{ "duration": "P8D", "counting": "calendar", "legalBasis": "C. civ. 375-5" }</c>.
/// A duration in days, weeks, months or years is a legal period (it ends at midnight, Europe/Paris, of its last
/// day); a duration with hours, minutes or seconds is elapsed time (practice deadlines such as <c>PT72H</c>).
/// Without a legal basis it is a practice deadline, which the process owners set themselves.
/// </summary>
public sealed record Deadline
{
    public required Period Duration { get; init; }

    public DayCounting Counting { get; init; } = DayCounting.Calendar;

    /// <summary>The text the deadline comes from, shown to partners and the coordinator (e.g. "C. civ. 375-5").</summary>
    public string? LegalBasis { get; init; }

    /// <summary>True when the duration has no time part: counted in whole days, ending at midnight.</summary>
    public bool IsInDays => Duration.HasDateComponent && !Duration.HasTimeComponent;
}
