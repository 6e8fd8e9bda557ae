using NodaTime;
using NodaTime.Text;
using Pathway.Host.Telemetry;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Quartz;

namespace Pathway.Host.Scheduling;

/// <summary>
/// A timer that is due: resumes its file on its bookmark. Idempotent, as the stimulus id is the bookmark's: a
/// second firing is a <see cref="StepDisposition.Duplicate"/>, a timer whose bookmark is gone (the task was
/// answered, the branch withdrawn) is <see cref="StepDisposition.Ignored"/>.
/// </summary>
/// <remarks>
/// A failure (the database does not answer, a deadlock) is retried, for as long as it takes, 5 s after the first
/// failure, then twice as long each time up to 10 minutes: Quartz keeps the next attempt on the timer's own trigger
/// and stores it in the same transaction that completes the failed firing, so the timer is never left without a
/// trigger, and the job is never deleted while its file still has to be resumed.
/// No <c>[DisallowConcurrentExecution]</c>: a timer has one one-shot trigger, and two runs of it (a recovery after a
/// crash beside a retry) are already safe, serialized on the file's row by <see cref="CareFileRunner"/> and made a
/// no-op by the stimulus id; the attribute would only make every firing take Quartz's cluster-wide lock.
/// </remarks>
[RetryPolicy(int.MaxValue, "00:00:05", 2.0, MaxDelay = "00:10:00")]
internal sealed partial class ResumeWaitingFileJob(CareFileRunner runner, IClock clock, ILogger<ResumeWaitingFileJob> logger) : IJob
{
    public const string FileIdKey = "fileId";
    public const string BookmarkIdKey = "bookmarkId";
    public const string DueAtKey = "dueAt";

    /// <summary>Who resumes a file on a timer, as written in its journal.</summary>
    public const string Actor = "system:timer";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var fileId = context.MergedJobDataMap.GetString(FileIdKey)!;
        var bookmarkId = Guid.Parse(context.MergedJobDataMap.GetString(BookmarkIdKey)!);
        try
        {
            var outcome = await runner.ApplyAsync(fileId, StimulusFor(bookmarkId), cancellationToken);
            Resumed(bookmarkId, fileId, outcome.Disposition, context.RetryAttempt);
            if (outcome.Disposition != StepDisposition.Duplicate && DueAt(context) is { } due)
                PathwayMetrics.TimerApplied((clock.GetCurrentInstant() - due).ToTimeSpan());
        }
        catch (UnknownFileException)
        {
            NoSuchFile(bookmarkId, fileId);
        }
        catch (Exception exception)
        {
            // Only the exception's type: its message may quote data of the file (a value in a constraint violation).
            var type = exception.GetType().Name;
            Failed(bookmarkId, fileId, type, context.RetryAttempt + 1);
            throw new JobExecutionException($"Timer {bookmarkId} could not resume file {fileId}: {type}.");
        }
    }

    /// <summary>When the timer was due; none for timers scheduled by a release that did not keep it.</summary>
    private static Instant? DueAt(IJobExecutionContext context) =>
        context.MergedJobDataMap.GetString(DueAtKey) is { } text && InstantPattern.General.Parse(text) is { Success: true } parsed
            ? parsed.Value : null;

    /// <summary>The stimulus a timer sends: its id is the bookmark's, so it is applied once however often it fires.</summary>
    public static ResumeBookmark StimulusFor(Guid bookmarkId) => new("timer:" + bookmarkId, Actor, bookmarkId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {BookmarkId} of file {FileId}: {Disposition} (after {Retries} retries).")]
    private partial void Resumed(Guid bookmarkId, string fileId, StepDisposition disposition, int retries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {BookmarkId} is for file {FileId}, which does not exist: nothing to resume.")]
    private partial void NoSuchFile(Guid bookmarkId, string fileId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {BookmarkId} could not resume file {FileId} ({ExceptionType}, attempt {Attempt}); it will be tried again.")]
    private partial void Failed(Guid bookmarkId, string fileId, string exceptionType, int attempt);
}
