using Npgsql;
using Pathway.Workflows.Persistence;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// A fresh, migrated database for one test class: a new database on the PostgreSQL server that
/// <c>PATHWAY_TEST_POSTGRES</c> names (./test.sh starts one), or a new SQLite file. Dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresServer;
    private readonly string _name;

    private TestDatabase(PathwayDatabase database, string name, string? postgresServer)
    {
        Database = database;
        _name = name;
        _postgresServer = postgresServer;
    }

    public PathwayDatabase Database { get; }

    public DatabaseProvider Provider => Database.Provider;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var name = "pathway_test_" + Guid.NewGuid().ToString("N")[..12];
        TestDatabase test;
        if (provider == DatabaseProvider.Postgres)
        {
            var server = PostgresServer;
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            test = new TestDatabase(new PathwayDatabase(DatabaseProvider.Postgres, builder.ConnectionString), name, server);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), name + ".db");
            test = new TestDatabase(new PathwayDatabase(DatabaseProvider.Sqlite, $"Data Source={path}"), path, null);
        }

        await test.Database.MigrateAsync();
        return test;
    }

    /// <summary>A superuser connection string; the suite fails, never skips, without one.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("PATHWAY_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PATHWAY_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a private PostgreSQL, " +
                "or set it to a superuser connection string (Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_postgresServer is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_name + suffix);
        }
    }
}
