using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using NodaTime;
using Pathway.Host.Scheduling;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Protection;
using Pathway.Testing;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Quartz;

namespace Pathway.Host.Tests.Scheduling;

/// <summary>
/// Timers kept by Quartz in the database: a due timer resumes its file once, a cancelled one never fires, one
/// that fell due while no host ran fires when the next one starts, one that fails is retried until it succeeds.
/// Each runs on a fresh PostgreSQL database and on a fresh SQLite file, through a real host.
/// </summary>
public abstract class TimerTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class OnPostgres() : TimerTests(DatabaseProvider.Postgres)
    {
        [Fact]
        public async Task The_timers_are_kept_in_the_Pathway_database()
        {
            StartHost();

            Assert.True(await ScalarAsync($"SELECT count(*) AS \"Value\" FROM information_schema.tables WHERE table_name LIKE 'qrtz%'") > 0);
        }
    }

    public sealed class OnSqlite() : TimerTests(DatabaseProvider.Sqlite)
    {
        [Fact]
        public async Task The_timers_are_kept_in_a_file_beside_the_Pathway_database()
        {
            StartHost();

            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Folder.DatabaseFile)!, "pathway-timers.db")));
            Assert.Equal(0, await ScalarAsync($"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name LIKE 'qrtz%'"));
        }
    }

    /// <summary>How long a test waits for what should happen within a few seconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<TimerHost> _hosts = [];
    private ScratchPostgres? _postgres;
    private PathwayDatabase? _database;

    private TestFolder Folder { get; } = new();

    /// <summary>The hosts' database, opened by the test itself: it outlives each host.</summary>
    private PathwayDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        Folder.WriteDefinitionFile($"{TimerDefinitions.Id}/v1.json", TimerDefinitions.AnswerOrDeadline);
        if (provider == DatabaseProvider.Postgres) _postgres = await ScratchPostgres.CreateAsync("pathway_timers");
        _database = new PathwayDatabase(provider, _postgres?.ConnectionString ?? $"Data Source={Folder.DatabaseFile}", TestKeyRing.Protector);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Folder.Dispose();
    }

    [Fact]
    public async Task A_timer_resumes_its_waiting_file_when_it_is_due()
    {
        var host = StartHost();
        var file = await OpenFileAsync(host);

        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt);

        var closed = await EventuallyAsync(() => FileAsync(file.Id), f => f.Status == "completed");
        Assert.True(closed.ClosedAt >= file.DueAt.ToDateTimeUtc(), "The file moved before its timer was due.");
        Assert.Null((await TimerStimulusAsync(file)).IgnoredBecause);
        Assert.Equal(StepDisposition.Applied, Disposition(Assert.Single(host.JobLog)));
    }

    [Fact]
    public async Task A_timer_that_resumes_its_file_records_how_late_it_was()
    {
        var late = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: "Pathway.Host", Name: "pathway.deadline.lateness" }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => late.TrySetResult(seconds));
        listener.Start();
        var host = StartHost();
        var file = await OpenFileAsync(host);

        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt);

        var closed = await EventuallyAsync(() => FileAsync(file.Id), f => f.Status == "completed");
        var seconds = await late.Task.WaitAsync(TimeSpan.FromMinutes(1));
        // Measured once the step is committed: at least as late as the file's closing, counted from the due time.
        Assert.True(seconds >= Math.Max(0, (closed.ClosedAt!.Value - file.DueAt.ToDateTimeUtc()).TotalSeconds - 0.001), $"{seconds} s late");
    }

    [Fact]
    public async Task A_timer_that_has_fired_leaves_nothing_in_the_scheduler()
    {
        var host = StartHost();
        var file = await OpenFileAsync(host);
        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt);
        var scheduler = await host.SchedulerAsync();

        await EventuallyAsync(() => FileAsync(file.Id), f => f.Status == "completed");

        await EventuallyAsync(() => scheduler.Exists(TimerKeys.Job(file.BookmarkId)).AsTask(), exists => !exists);
    }

    [Fact]
    public async Task A_cancelled_timer_never_fires()
    {
        var host = StartHost();
        var file = await OpenFileAsync(host);
        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt);

        await host.Timers.CancelAsync(file.BookmarkId);

        Assert.False(await (await host.SchedulerAsync()).Exists(TimerKeys.Job(file.BookmarkId)));
        await PassAsync(file.DueAt + Duration.FromSeconds(2));
        Assert.Equal("running", (await FileAsync(file.Id)).Status);
        Assert.Empty(host.JobLog);
    }

    [Fact]
    public async Task Cancelling_a_timer_that_does_not_exist_does_nothing()
    {
        var host = StartHost();

        await host.Timers.CancelAsync(Guid.NewGuid());
        await host.Timers.CancelAsync(Guid.NewGuid());
    }

    [Fact]
    public async Task Scheduling_a_timer_again_replaces_it_and_it_fires_once()
    {
        var host = StartHost();
        var file = await OpenFileAsync(host);
        var scheduler = await host.SchedulerAsync();

        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt + Duration.FromHours(1));
        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt);

        var trigger = Assert.Single(await scheduler.GetTriggersOfJob(TimerKeys.Job(file.BookmarkId)));
        Assert.Equal(file.DueAt.ToDateTimeOffset(), trigger.NextFireTimeUtc);
        await EventuallyAsync(() => FileAsync(file.Id), f => f.Status == "completed");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(host.JobLog);
    }

    [Fact]
    public async Task A_timer_due_while_no_scheduler_ran_fires_when_one_starts_on_the_same_store()
    {
        var first = StartHost();
        var file = await OpenFileAsync(first);
        var dueAt = SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(3);
        await first.Timers.ScheduleAsync(file.Id, file.BookmarkId, dueAt);
        await first.DisposeAsync();

        // Late by more than the misfire threshold: the next scheduler finds the trigger misfired, and fires it now.
        await PassAsync(dueAt + Duration.FromTimeSpan(TimerHost.MisfireThreshold) + Duration.FromSeconds(1));
        Assert.Equal("running", (await FileAsync(file.Id)).Status);
        var second = StartHost();

        await EventuallyAsync(() => FileAsync(file.Id), f => f.Status == "completed");
        Assert.Empty(first.JobLog);
        Assert.Equal(StepDisposition.Applied, Disposition(Assert.Single(second.JobLog)));
    }

    [Fact]
    public async Task A_host_that_refuses_to_start_fires_no_timer_and_the_next_one_does()
    {
        var first = StartHost();
        var file = await OpenFileAsync(first);
        var dueAt = SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(2);
        await first.Timers.ScheduleAsync(file.Id, file.BookmarkId, dueAt);
        await first.DisposeAsync();
        await PassAsync(dueAt + Duration.FromSeconds(1));

        // The start-up refuses an invalid definition: the scheduler, which starts after it, never starts.
        var broken = Folder.WriteDefinitionFile("broken/v1.json", Examples.Minimal(id: "broken", endType: "NoSuchActivity"));
        await using (var refused = new TimerHost(Folder, _postgres?.ConnectionString))
        {
            Assert.ThrowsAny<Exception>(() => refused.Server);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Empty(refused.JobLog);
        }

        Assert.Equal("running", (await FileAsync(file.Id)).Status);
        File.Delete(broken);
        StartHost();
        await EventuallyAsync(() => FileAsync(file.Id), f => f.Status == "completed");
    }

    [Fact]
    public async Task A_timer_that_fails_is_kept_and_retried_later_until_it_succeeds()
    {
        var host = StartHost();
        var file = await OpenFileAsync(host);
        var scheduler = await host.SchedulerAsync();
        // The files table out of reach: the runner fails as it would with the database down.
        await ExecuteAsync("ALTER TABLE files RENAME TO files_out_of_reach");

        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt);

        var failure = await EventuallyAsync(() => Task.FromResult(host.JobLog), log => log.Count > 0);
        var failed = Assert.Single(failure);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Null(failed.Exception);
        Assert.Contains($"could not resume file {file.Id} (", failed.Message);
        Assert.Contains("attempt 1)", failed.Message);
        // Still there, its trigger waiting for the retry, about 5 seconds after the failure.
        await EventuallyAsync(() => RetryAsync(scheduler, file), retry => retry is not null);
        Assert.True(await scheduler.Exists(TimerKeys.Job(file.BookmarkId)));

        await ExecuteAsync("ALTER TABLE files_out_of_reach RENAME TO files");

        await EventuallyAsync(() => FileAsync(file.Id), f => f.Status == "completed");
        Assert.Equal(StepDisposition.Applied, Disposition(host.JobLog[^1]));
        Assert.Contains("after 1 retries", host.JobLog[^1].Message);
        AssertNoExceptionDetailLogged(host);
    }

    [Fact]
    public async Task A_timer_whose_bookmark_was_answered_is_ignored()
    {
        var host = StartHost();
        var file = await OpenFileAsync(host);
        // The partner answers first: the deadline's bookmark is gone, the file now waits for its closure.
        await host.Runner.ApplyAsync(file.Id, new RaiseEvent("answer-" + file.Id, "partner:crip", TimerDefinitions.Answer, file.Id));

        await host.Timers.ScheduleAsync(file.Id, file.BookmarkId, file.DueAt);

        await EventuallyAsync(() => Task.FromResult(host.JobLog), log => log.Count > 0);
        Assert.Equal(StepDisposition.Ignored, Disposition(Assert.Single(host.JobLog)));
        Assert.NotNull((await TimerStimulusAsync(file)).IgnoredBecause);
        var waiting = await FileAsync(file.Id);
        Assert.Equal("running", waiting.Status);
        Assert.Equal("closing", Assert.Single(waiting.Bookmarks).ActivityId);
    }

    [Fact]
    public async Task A_timer_for_a_file_that_does_not_exist_is_dropped_with_a_warning()
    {
        var host = StartHost();
        var scheduler = await host.SchedulerAsync();
        var bookmarkId = Guid.NewGuid();

        await host.Timers.ScheduleAsync("no-such-file", bookmarkId, SystemClock.Instance.GetCurrentInstant());

        var entry = Assert.Single(await EventuallyAsync(() => Task.FromResult(host.JobLog), log => log.Count > 0));
        Assert.Equal(LogLevel.Warning, entry.Level);
        await EventuallyAsync(() => scheduler.Exists(TimerKeys.Job(bookmarkId)).AsTask(), exists => !exists);
    }

    [Fact]
    public async Task Health_reports_the_scheduler_healthy_as_soon_as_the_host_serves()
    {
        var host = StartHost();
        using var client = host.CreateClient();

        var checks = await HealthChecksAsync(client);

        Assert.Equal(new Dictionary<string, string> { ["broker"] = "Healthy", ["database"] = "Healthy", ["scheduler"] = "Healthy" }, checks);
    }

    [Fact]
    public void The_scheduler_check_gives_up_after_its_timeout()
    {
        var host = StartHost();

        var registrations = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(registrations, r => r.Name == "scheduler").Timeout);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private sealed record WaitingFile(string Id, Guid BookmarkId, Instant DueAt);

    private TimerHost StartHost()
    {
        var host = new TimerHost(Folder, _postgres?.ConnectionString);
        _hosts.Add(host);
        _ = host.Server;
        return host;
    }

    /// <summary>Opens a file that parks on its deadline: the timer the engine asked for, as its outbox row says.</summary>
    private static async Task<WaitingFile> OpenFileAsync(TimerHost host)
    {
        var fileId = "file-" + Guid.NewGuid().ToString("N")[..8];
        var step = await host.Runner.StartAsync(TimerDefinitions.Id, fileId, new StartFile("start-" + fileId, "user:coordinator"));
        var timer = Assert.Single(step.Effects, e => e.Kind == EffectKinds.ScheduleTimer);
        return new WaitingFile(fileId, Guid.Parse(timer.Payload["bookmarkId"]!.GetValue<string>()), timer.DueAt!.Value);
    }

    private async Task<FileRow> FileAsync(string fileId)
    {
        await using var context = Database.CreateContext();
        return await context.Files.AsNoTracking().Include(f => f.Bookmarks).SingleAsync(f => f.Id == fileId);
    }

    private async Task<AppliedStimulusRow> TimerStimulusAsync(WaitingFile file)
    {
        var id = ResumeWaitingFileJob.StimulusFor(file.BookmarkId).Id;
        await using var context = Database.CreateContext();
        return await context.AppliedStimuli.AsNoTracking().SingleAsync(a => a.FileId == file.Id && a.StimulusId == id);
    }

    /// <summary>The timer's trigger once a retry is pending on it, else null.</summary>
    private static async Task<ITrigger?> RetryAsync(IScheduler scheduler, WaitingFile file)
    {
        var trigger = await scheduler.GetTrigger(TimerKeys.Trigger(file.BookmarkId));
        return trigger is { RetryAttempt: > 0 } && trigger.NextFireTimeUtc > DateTimeOffset.UtcNow ? trigger : null;
    }

    private static async Task<Dictionary<string, string>> HealthChecksAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").Deserialize<Dictionary<string, string>>()!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var context = Database.CreateContext();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>A count, from a query whose one column is named <c>Value</c>.</summary>
    private async Task<long> ScalarAsync(FormattableString count)
    {
        await using var context = Database.CreateContext();
        return await context.Database.SqlQuery<long>(count).SingleAsync();
    }

    private static StepDisposition Disposition(LogEntry entry) =>
        Enum.GetValues<StepDisposition>().Single(d => entry.Message.Contains($": {d} ", StringComparison.Ordinal));

    /// <summary>What a failure leaves in the log names exception types, never their messages (they may quote data).</summary>
    private static void AssertNoExceptionDetailLogged(TimerHost host)
    {
        foreach (var entry in host.Log.Entries.Where(e => e.Category.StartsWith("Quartz", StringComparison.Ordinal) && e.Exception is not null))
        {
            Assert.IsType<JobExecutionException>(entry.Exception);
            Assert.Null(entry.Exception.InnerException);
        }
    }

    private static async Task PassAsync(Instant instant)
    {
        var wait = instant - SystemClock.Instance.GetCurrentInstant();
        if (wait > Duration.Zero) await Task.Delay(wait.ToTimeSpan());
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > giveUp) Assert.Fail($"Still not there after {Patience.TotalSeconds} s: {value}");
            await Task.Delay(100);
        }
    }
}
