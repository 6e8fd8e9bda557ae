using Quartz;

namespace Pathway.Host.Scheduling;

/// <summary>Where a timer lives in the scheduler: its bookmark id, in the <see cref="Group"/> group.</summary>
internal static class TimerKeys
{
    public const string Group = "pathway-timers";

    public static JobKey Job(Guid bookmarkId) => new(bookmarkId.ToString(), Group);

    public static TriggerKey Trigger(Guid bookmarkId) => new(bookmarkId.ToString(), Group);
}
