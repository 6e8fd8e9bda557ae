using NodaTime;
using NodaTime.Text;
using Quartz;

namespace Pathway.Host.Scheduling;

/// <summary>
/// One Quartz job per timer, keyed by its bookmark, with one one-shot trigger under the same key; both are kept
/// in the scheduler's database, so timers outlive restarts.
/// </summary>
internal sealed class QuartzTimerScheduler(ISchedulerFactory schedulers) : ITimerScheduler
{
    public async Task ScheduleAsync(string fileId, Guid bookmarkId, Instant dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        var job = JobBuilder.Create<ResumeWaitingFileJob>()
            .WithIdentity(TimerKeys.Job(bookmarkId))
            .UsingJobData(ResumeWaitingFileJob.FileIdKey, fileId)
            .UsingJobData(ResumeWaitingFileJob.BookmarkIdKey, bookmarkId.ToString())
            // When it was due, kept apart from the trigger (which a misfire or a retry moves): how late it fired.
            .UsingJobData(ResumeWaitingFileJob.DueAtKey, InstantPattern.General.Format(dueAt))
            // A node that dies while resuming the file leaves the firing to be run again by the next node to start
            // or by a live one; the stimulus id makes the second run a no-op if the first had committed.
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TimerKeys.Trigger(bookmarkId))
            .ForJob(job)
            .StartAt(dueAt.ToDateTimeOffset())
            // A deadline missed while no scheduler ran (or one already past when the outbox row is dispatched)
            // fires as soon as a scheduler can, never skipped.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // One store operation: the job and its trigger replace any earlier ones for this bookmark.
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task CancelAsync(Guid bookmarkId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // False when there was no such timer (never scheduled, fired, or cancelled already): nothing to do.
        await scheduler.DeleteJob(TimerKeys.Job(bookmarkId), cancellationToken);
    }
}
