using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Pathway.Host.Health;
using Pathway.Host.Setup;
using Pathway.Workflows.Persistence;
using Quartz;

namespace Pathway.Host.Scheduling;

/// <summary>The scheduler of the timers, and its readiness check (docs/timers.md).</summary>
public static class SchedulingServices
{
    /// <summary>The scheduler's name, the same on every node of a cluster: it is what makes them one cluster.</summary>
    internal const string SchedulerName = "pathway";

    /// <summary>
    /// Durable timers: <see cref="ITimerScheduler"/> on a Quartz scheduler whose store is Pathway's PostgreSQL
    /// database (tables <c>qrtz_*</c>, clustered), or, on the embedded SQLite default, a file beside Pathway's own
    /// (<see cref="SqliteStoreFile"/>); the tables are created when missing. Register it after PathwayStartup: the
    /// scheduler starts with its hosted service, so timers then fire only on a migrated schema.
    /// </summary>
    /// <exception cref="PathwayStartupException">The SQLite connection string names no file.</exception>
    public static IServiceCollection AddPathwayScheduling(this IServiceCollection services, PathwaySettings settings)
    {
        var store = settings.Provider == DatabaseProvider.Postgres ? settings.ConnectionString : SqliteStore(settings.ConnectionString);
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);
            quartz.AddJobType<ResumeWaitingFileJob>();
            quartz.UsePersistentStore(persistent =>
            {
                if (settings.Provider == DatabaseProvider.Postgres) persistent.UsePostgres(NpgsqlFactory.Instance, store);
                else persistent.UseSqlite(SqliteFactory.Instance, store);
                persistent.ProvisionSchema();
                // On PostgreSQL every node shares the store, each with its own generated instance id, and a node that
                // dies has its timers taken over by the others. Quartz refuses clustering on SQLite (its locking
                // cannot serve it); the embedded default is one process on one file anyway.
                if (settings.Provider == DatabaseProvider.Postgres) persistent.UseClustering();
                persistent.UseSystemTextJsonSerializer();
                // Job data (a file id, a bookmark id) as plain strings: readable in the table, nothing to deserialize.
                persistent.ConfigureStore(options => options.StoreJobDataAsStrings = true);
            });
        });
        services.AddQuartzHostedService(options =>
        {
            // The scheduler fires only once the host is up (HostStarted): a host that fails to start — its port
            // taken, the start-up refusing a definition — resumes no file. Registered after PathwayStartup, it is
            // created once the schema is migrated.
            options.AwaitApplicationStarted = true;
            // A file being resumed when the host stops finishes its step rather than being cut off.
            options.WaitForJobsToComplete = true;
        });
        services.AddSingleton<ITimerScheduler, QuartzTimerScheduler>();
        return services;
    }

    /// <summary>
    /// The <c>scheduler</c> check of <c>/health</c>: Quartz's own, healthy while the scheduler runs and reaches its
    /// store, unhealthy otherwise.
    /// </summary>
    /// <param name="timeout">Past this the check counts as unhealthy, as the other readiness checks do.</param>
    public static IHealthChecksBuilder AddSchedulerCheck(this IHealthChecksBuilder checks, TimeSpan timeout)
    {
        checks.AddQuartz(options =>
        {
            options.Name = SchedulerCheck;
        });
        // Quartz's registration takes no timeout: the store probe of a database that does not answer would hold the
        // readiness probe for as long as the driver waits to connect.
        checks.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Name == SchedulerCheck)) registration.Timeout = timeout;
        });
        return checks;
    }

    private const string SchedulerCheck = "scheduler";

    /// <summary>
    /// Where the embedded default keeps its timers: <c>data/pathway.db</c> keeps them in <c>data/pathway-timers.db</c>.
    /// A file of their own, because SQLite has one writer per file, and the scheduler writes on its own (claiming
    /// the triggers that are due, handling misfires) at moments that have nothing to do with files' steps.
    /// </summary>
    internal static string SqliteStoreFile(string pathwayFile)
    {
        var folder = Path.GetDirectoryName(pathwayFile) ?? "";
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(pathwayFile) + "-timers" + Path.GetExtension(pathwayFile));
    }

    private static string SqliteStore(string pathwayConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(pathwayConnectionString);
        if (builder.DataSource is "" or ":memory:" || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            throw new PathwayStartupException(
                "Timers are kept in a file beside Pathway's SQLite database: Pathway:Database:ConnectionString must name a file.");
        builder.DataSource = SqliteStoreFile(builder.DataSource);
        // Quartz creates the file with SQLite's default mode (0644): created here first, readable by its owner only.
        OwnerOnlyFiles.PrepareSqliteFile(builder.DataSource);
        return builder.ConnectionString;
    }
}
