using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pathway.Host.Scheduling;
using Pathway.Host.Setup;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;
using Quartz;

namespace Pathway.Host.Tests.Scheduling;

/// <summary>
/// A Pathway host run in-process, as <see cref="PathwayRun"/>, with a short misfire threshold and handles on the
/// scheduler. Several hosts in turn on one folder or database share their timers.
/// </summary>
internal sealed class TimerHost(TestFolder folder, string? postgres) : WebApplicationFactory<Program>
{
    /// <summary>
    /// Quartz calls a trigger misfired once it is this late (a minute in production); short here, so that a timer
    /// that fell due while no host ran is handled as a misfire when the next host starts, within a test's seconds.
    /// </summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(1);

    public CapturedLog Log { get; } = new();

    public CareFileRunner Runner => Services.GetRequiredService<CareFileRunner>();

    public ITimerScheduler Timers => Services.GetRequiredService<ITimerScheduler>();

    public PathwayDatabase Database => Services.GetRequiredService<PathwayDatabase>();

    public Task<IScheduler> SchedulerAsync() => Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask();

    /// <summary>What the job logged, one line per firing of a timer.</summary>
    public IReadOnlyList<LogEntry> JobLog => Log.Entries.Where(e => e.Category == typeof(ResumeWaitingFileJob).FullName).ToList();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Pathway:DefinitionsFolder", folder.Definitions);
        builder.UseSetting("Pathway:Database:Provider", postgres is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Pathway:Database:ConnectionString", postgres ?? $"Data Source={folder.DatabaseFile}");
        foreach (var (key, value) in TestKeys.Settings.Concat(TestLimits.Settings)) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<AdoJobStoreOptions>(options => options.MisfireThreshold = MisfireThreshold);
            // These tests drive the scheduler by hand; the dispatcher that feeds it from the outbox is tested in CarePathway.
            services.Remove(services.Single(d => d.ImplementationType == typeof(Pathway.Host.Messaging.OutboxDispatcher)));
        });
    }
}
