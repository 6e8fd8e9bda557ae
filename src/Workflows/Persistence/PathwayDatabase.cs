using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pathway.Workflows.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the engine keeps its files, and the one place that knows how to open a context on it. Create one per
/// process (it holds the PostgreSQL connection pool) and share it. Its contexts encrypt and decrypt the columns
/// that may hold personal data with <see cref="Protector"/>.
/// </summary>
public sealed class PathwayDatabase : IAsyncDisposable
{
    private readonly DbContextOptions _options;
    private readonly NpgsqlDataSource? _dataSource;

    public PathwayDatabase(DatabaseProvider provider, string connectionString, PersonalDataProtector protector)
    {
        Provider = provider;
        Protector = protector ?? throw new ArgumentNullException(nameof(protector));
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
                // The file (and its folder) is created on first run, readable by its owner only, and an existing one's
                // mode fixed; an in-memory, temporary or URI-named database is left to SQLite.
                if (sqlite.Mode == SqliteOpenMode.ReadWriteCreate && sqlite.DataSource is not ("" or ":memory:")
                    && !sqlite.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                    OwnerOnlyFiles.PrepareSqliteFile(sqlite.DataSource);
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

    /// <summary>The key ring of the protected columns.</summary>
    public PersonalDataProtector Protector { get; }

    public PathwayDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresPathwayContext((DbContextOptions<PostgresPathwayContext>)_options, Protector),
        _ => new SqlitePathwayContext((DbContextOptions<SqlitePathwayContext>)_options, Protector),
    };

    /// <summary>
    /// Reads one row and holds it until the transaction ends, so that writers of that row go one after another:
    /// <paramref name="forUpdate"/> (a <c>SELECT … FOR UPDATE</c>) on PostgreSQL; on SQLite, where transactions
    /// begin IMMEDIATE and already hold the single write lock, a plain read by <paramref name="key"/>.
    /// </summary>
    internal Task<T?> LockAsync<T>(DbSet<T> rows, FormattableString forUpdate, Expression<Func<T, bool>> key,
        CancellationToken cancellationToken) where T : class =>
        Provider == DatabaseProvider.Postgres
            ? rows.FromSql(forUpdate).SingleOrDefaultAsync(cancellationToken)
            : rows.SingleOrDefaultAsync(key, cancellationToken);

    /// <summary>
    /// Applies the committed migrations (creates the database schema on first run), then rewrites the values written
    /// before values were bound to their place, if any remain (<see cref="PersonalDataRebinding"/>), and writes the task
    /// and escalation rows of tasks opened before steps kept them (<see cref="RecordBackfill"/>).
    /// </summary>
    /// <param name="logger">Told how many values of each column were rebound (counts only).</param>
    public async Task MigrateAsync(ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        await using (var context = CreateContext())
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                // Readers do not block the writer, and a commit costs one append: the embedded default stays responsive.
                await context.Database.OpenConnectionAsync(cancellationToken);
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await context.Database.MigrateAsync(cancellationToken);
        }

        foreach (var (column, count) in await PersonalDataRebinding.RunAsync(this, cancellationToken))
            logger?.LogInformation("Rebound {Count} values of {Column} to their place (pw1 to pw2).", count, column);
        var (tasks, escalations) = await RecordBackfill.RunAsync(this, cancellationToken);
        if (tasks + escalations > 0)
            logger?.LogInformation("Wrote {Tasks} task rows and {Escalations} escalation rows for tasks opened before they were kept.", tasks, escalations);
    }

    /// <summary>
    /// The start-up's turn: on PostgreSQL, a session advisory lock held until disposed, so that hosts starting together
    /// on one database migrate, rebind and publish one after the other (the second finds the work done). SQLite serves
    /// one process: nothing to wait for.
    /// </summary>
    public async Task<IAsyncDisposable> StartupTurnAsync(CancellationToken cancellationToken = default)
    {
        var context = CreateContext();
        if (Provider != DatabaseProvider.Postgres) return context;
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupLockKey})", cancellationToken);
            return new StartupTurn(context);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Releases the lock explicitly: a closed connection goes back to the pool with its session (and a session lock)
    /// still open. A process that dies ends its sessions, and so its turn.
    /// </summary>
    private sealed class StartupTurn(PathwayDbContext context) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey})");
            }
            finally
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>An arbitrary constant of Pathway's own ("PATHWAY" in ASCII), the key of the start-up's advisory lock.</summary>
    private const long StartupLockKey = 0x50415448574159;

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
