using NodaTime;

namespace Pathway.Host.Scheduling;

/// <summary>
/// Sets and withdraws the timers of waiting files: what the outbox's <c>timer.schedule</c> and
/// <c>timer.cancel</c> rows ask for. A timer is known by its bookmark id, so both calls are idempotent: scheduling
/// the same bookmark again replaces its due time, cancelling a bookmark that has no timer does nothing.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>At <paramref name="dueAt"/> (or as soon as possible, when it has passed), file
    /// <paramref name="fileId"/> is resumed on bookmark <paramref name="bookmarkId"/>.</summary>
    Task ScheduleAsync(string fileId, Guid bookmarkId, Instant dueAt, CancellationToken cancellationToken = default);

    Task CancelAsync(Guid bookmarkId, CancellationToken cancellationToken = default);
}
