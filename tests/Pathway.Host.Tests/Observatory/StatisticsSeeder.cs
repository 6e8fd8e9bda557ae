using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Activities;
using Pathway.Host.Tests.Protection;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Host.Tests.Observatory;

/// <summary>
/// Runs files of <see cref="StatisticsPathway"/> through the real engine on a database, on a clock the test sets,
/// before any host serves it: months of a pathway's life in a second. It plays the scheduler too: before an answer,
/// the timers due by then fire, at their due time. When done, the effects are marked sent, so the host started
/// afterwards has no message or timer left to carry out.
/// </summary>
internal sealed class StatisticsSeeder : IAsyncDisposable
{
    private readonly PathwayDatabase _database;
    private readonly ManualClock _clock;
    private readonly CareFileRunner _runner;
    private int _stimuli;

    private StatisticsSeeder(PathwayDatabase database, ManualClock clock, CareFileRunner runner) =>
        (_database, _clock, _runner) = (database, clock, runner);

    public static async Task<StatisticsSeeder> OpenAsync(string postgres)
    {
        var database = new PathwayDatabase(DatabaseProvider.Postgres, postgres, TestKeyRing.Protector);
        await database.MigrateAsync();
        var clock = new ManualClock();
        var catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);
        var store = new DefinitionStore(database, new DefinitionValidator(catalog), catalog, clock);
        var import = await store.ImportPublishedAsync(DefinitionJson.Deserialize(StatisticsPathway.Json), "system:definitions");
        Assert.Empty(import.Errors);
        return new StatisticsSeeder(database, clock, new CareFileRunner(database, store, new Interpreter(clock)));
    }

    public async Task OpenFileAsync(string fileId, Instant at)
    {
        _clock.Now = at;
        await _runner.StartAsync(StatisticsPathway.Id, fileId, new StartFile(NextId(), "test"));
    }

    /// <summary>The partner completes the file's open task with <paramref name="outcome"/>.</summary>
    public async Task AnswerAsync(string fileId, Instant at, string outcome)
    {
        await FireTimersAsync(fileId, at);
        _clock.Now = at;
        var task = (await OpenBookmarksAsync(fileId)).Single(b => b.Purpose == "task");
        var answer = new JsonObject { ["answer"] = "completed", ["outcome"] = outcome };
        await _runner.ApplyAsync(fileId, new ResumeBookmark(NextId(), task.Addressee!, task.Id, answer));
    }

    public async Task RaiseAsync(string fileId, Instant at, string eventName)
    {
        await FireTimersAsync(fileId, at);
        _clock.Now = at;
        await _runner.ApplyAsync(fileId, new RaiseEvent(NextId(), "test", eventName, fileId));
    }

    public async ValueTask DisposeAsync()
    {
        await using (var context = _database.CreateContext())
            await context.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.SentAt, DateTime.UtcNow));
        await _database.DisposeAsync();
    }

    private async Task FireTimersAsync(string fileId, Instant until)
    {
        while ((await OpenBookmarksAsync(fileId)).Where(b => b.DueAt is { } due && Instant.FromDateTimeUtc(due) <= until)
               .OrderBy(b => b.DueAt).FirstOrDefault() is { } timer)
        {
            _clock.Now = Instant.FromDateTimeUtc(timer.DueAt!.Value);
            await _runner.ApplyAsync(fileId, new ResumeBookmark(NextId(), "system:timer", timer.Id));
        }
    }

    private async Task<List<BookmarkRow>> OpenBookmarksAsync(string fileId)
    {
        await using var context = _database.CreateContext();
        return await context.Bookmarks.AsNoTracking().Where(b => b.FileId == fileId).ToListAsync();
    }

    private string NextId() => "seed-" + ++_stimuli;

    private sealed class ManualClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }
}
