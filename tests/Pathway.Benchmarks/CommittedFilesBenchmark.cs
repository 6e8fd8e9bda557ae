using System.Diagnostics;
using NodaTime;
using Npgsql;
using Pathway.Activities;
using Pathway.Testing;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Benchmarks;

/// <summary>
/// Files of the 10-activity sequence committed on PostgreSQL, one after another, each started, run to its end
/// and committed in one transaction by <see cref="CareFileRunner"/>; reported as a ratio to the raw rate of
/// single-row INSERT commits (<see cref="RawInsertBaseline"/>) measured in the same run on the same server.
/// Target: ratio ≥ 0.5.
/// </summary>
/// <remarks>
/// Both sides are bounded by the commit's WAL flush, which on a shared VM drifts from second to second; the
/// two are therefore measured in alternating rounds and the ratio is taken per round, then its median.
/// </remarks>
internal static class CommittedFilesBenchmark
{
    private const int Rounds = 5;
    private static readonly TimeSpan RoundLength = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("PATHWAY_BENCH_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("Set PATHWAY_BENCH_POSTGRES to a superuser connection string (./bench.sh postgres starts a private server).");
            return 2;
        }

        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : Rounds;
        await using var database = await ScratchPostgres.CreateAsync("pathway_bench", server);
        await MeasureAsync(database.ConnectionString, rounds);
        return 0;
    }

    private static async Task MeasureAsync(string connectionString, int rounds)
    {
        // A fresh key each run: the cost of encrypting the personal data is part of what is measured.
        await using var db = new PathwayDatabase(DatabaseProvider.Postgres, connectionString, PersonalDataProtector.Random("bench"));
        await db.MigrateAsync();
        var catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);
        var store = new DefinitionStore(db, new DefinitionValidator(catalog), catalog, SystemClock.Instance);
        var definition = SequenceDefinition.Create();
        var import = await store.ImportPublishedAsync(definition, "bench");
        if (import.Outcome != ImportOutcome.Published)
            throw new InvalidOperationException($"The benchmark definition was not published: {string.Join("; ", import.Errors)}");
        var files = new FileLoop(new CareFileRunner(db, store, new Interpreter(SystemClock.Instance)), definition.Id);

        await using (var server = new NpgsqlConnection(connectionString))
        {
            await server.OpenAsync();
            await using var settings = new NpgsqlCommand(
                "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_sync_method')", server);
            await using var reader = await settings.ExecuteReaderAsync();
            await reader.ReadAsync();
            Console.WriteLine($"PostgreSQL {reader.GetString(0)}: fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, wal_sync_method={reader.GetString(3)}");
        }

        Console.WriteLine($"Warm-up: {WarmUp.TotalSeconds:0} s of each.");
        await RawInsertBaseline.CommitsPerSecondAsync(connectionString, WarmUp);
        await files.FilesPerSecondAsync(WarmUp);

        Console.WriteLine($"{rounds} rounds of {RoundLength.TotalSeconds:0} s each, raw INSERT commits then files, one at a time:");
        Console.WriteLine($"{"round",5}  {"raw commits/s",13}  {"files/s",9}  {"ratio",6}");
        var raw = new List<double>();
        var committed = new List<double>();
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            raw.Add(await RawInsertBaseline.CommitsPerSecondAsync(connectionString, RoundLength));
            committed.Add(await files.FilesPerSecondAsync(RoundLength));
            ratios.Add(committed[^1] / raw[^1]);
            Console.WriteLine($"{round,5}  {raw[^1],13:0}  {committed[^1],9:0}  {ratios[^1],6:0.00}");
        }

        Console.WriteLine($"{"median",5}  {Median(raw),13:0}  {Median(committed),9:0}  {Median(ratios),6:0.00}");
        Console.WriteLine($"Median ratio files/s ÷ raw commits/s: {Median(ratios):0.00} (target ≥ 0.5: {(Median(ratios) >= 0.5 ? "met" : "not met")})");
    }

    /// <summary>Starts file after file, each with its own id and stimulus id, and counts them.</summary>
    private sealed class FileLoop(CareFileRunner runner, string definitionId)
    {
        private int _next;

        public async Task<double> FilesPerSecondAsync(TimeSpan duration)
        {
            var count = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                var n = ++_next;
                var outcome = await runner.StartAsync(definitionId, $"file-{n}", new StartFile($"start-{n}", "bench"));
                if (outcome.Status != FileStatus.Completed)
                    throw new InvalidOperationException($"File {outcome.FileId} ended {outcome.Status}, not completed.");
                count++;
            }

            return count / clock.Elapsed.TotalSeconds;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
