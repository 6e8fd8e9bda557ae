using System.Diagnostics;
using Npgsql;

namespace Pathway.Benchmarks;

/// <summary>
/// The yardstick for committed files: single-row INSERTs, each its own transaction (autocommit), through
/// Npgsql on the same server and in the same run. Dominated by the commit's WAL flush, like a file's step.
/// </summary>
internal static class RawInsertBaseline
{
    public static async Task<double> CommitsPerSecondAsync(string connectionString, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "DROP TABLE IF EXISTS bench_rows; CREATE TABLE bench_rows (id bigserial PRIMARY KEY, payload text NOT NULL)", connection))
            await create.ExecuteNonQueryAsync();

        await using var insert = new NpgsqlCommand("INSERT INTO bench_rows (payload) VALUES ($1)", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = "row" });
        await insert.PrepareAsync();

        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await insert.ExecuteNonQueryAsync();
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
