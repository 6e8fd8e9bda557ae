using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pathway.Workflows.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the engine keeps its files, and the one place that knows how to open a context on it. Create one per
/// process (it holds the PostgreSQL connection pool) and share it.
/// </summary>
public sealed class PathwayDatabase : IAsyncDisposable
{
    private readonly DbContextOptions _options;
    private readonly NpgsqlDataSource? _dataSource;

    public PathwayDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                _dataSource = new NpgsqlDataSourceBuilder(Tune(connectionString)).Build();
                _options = new DbContextOptionsBuilder<PostgresPathwayContext>()
                    .UseNpgsql(_dataSource, o => o.MigrationsHistoryTable(MigrationsHistoryTable))
                    .Options;
                break;
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(connectionString);
                if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder && sqlite.DataSource != ":memory:")
                    Directory.CreateDirectory(folder);
                _options = new DbContextOptionsBuilder<SqlitePathwayContext>()
                    .UseSqlite(sqlite.ConnectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable))
                    .Options;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
    }

    /// <summary>Where EF Core records the applied migrations; the design-time factories use it too.</summary>
    internal const string MigrationsHistoryTable = "__migrations";

    public DatabaseProvider Provider { get; }

    /// <summary>Parses <c>Sqlite</c> or <c>Postgres</c> (any case), as written in configuration.</summary>
    public static PathwayDatabase Create(string provider, string connectionString) =>
        Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed)
            ? new PathwayDatabase(parsed, connectionString)
            : throw new ArgumentException($"Unknown database provider '{provider}': use Sqlite or Postgres.", nameof(provider));

    public PathwayDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresPathwayContext((DbContextOptions<PostgresPathwayContext>)_options),
        _ => new SqlitePathwayContext((DbContextOptions<SqlitePathwayContext>)_options),
    };

    /// <summary>Applies the committed migrations (creates the database schema on first run).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Readers do not block the writer, and a commit costs one append: the embedded default stays responsive.
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await context.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>True when the database answers a trivial query.</summary>
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        return await context.Database.CanConnectAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>
    /// Defaults that matter for a step's cost: statements prepared once per connection, and no session reset
    /// when a connection returns to the pool (Pathway never changes session settings). An explicit value in
    /// the connection string wins.
    /// </summary>
    private static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
