using Pathway.Testing;
using Pathway.Workflows.Persistence;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// A fresh, migrated database for one test class: a new database on the PostgreSQL server that
/// <c>PATHWAY_TEST_POSTGRES</c> names (./test.sh starts one), or a new SQLite file. Dropped afterwards.
/// Personal data is encrypted with <see cref="Keys"/>, made anew for each test run (no key is ever committed).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ScratchPostgres? _postgres;
    private readonly string? _sqliteFile;

    private TestDatabase(PathwayDatabase database, ScratchPostgres? postgres, string? sqliteFile)
    {
        Database = database;
        _postgres = postgres;
        _sqliteFile = sqliteFile;
    }

    /// <summary>The test run's key ring, shared by its databases unless a test gives its own.</summary>
    public static PersonalDataProtector Keys { get; } = PersonalDataProtector.Random("test-run");

    public PathwayDatabase Database { get; }

    /// <summary>The connection string, for tests that read the database as raw SQL would.</summary>
    public string ConnectionString { get; private init; } = "";

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PersonalDataProtector? keys = null)
    {
        keys ??= Keys;
        TestDatabase test;
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = await ScratchPostgres.CreateAsync("pathway_test");
            test = new TestDatabase(new PathwayDatabase(DatabaseProvider.Postgres, postgres.ConnectionString, keys), postgres, null)
            {
                ConnectionString = postgres.ConnectionString,
            };
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), "pathway_test_" + Guid.NewGuid().ToString("N") + ".db");
            test = new TestDatabase(new PathwayDatabase(DatabaseProvider.Sqlite, $"Data Source={path}", keys), null, path)
            {
                ConnectionString = $"Data Source={path}",
            };
        }

        await test.Database.MigrateAsync();
        return test;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqliteFile + suffix);
        }
    }
}
