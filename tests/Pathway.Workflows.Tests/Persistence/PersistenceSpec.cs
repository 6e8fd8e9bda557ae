using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Infrastructure;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// Base of the persistence specifications: each runs twice, on a fresh PostgreSQL database and on a fresh
/// SQLite file (the nested <c>OnPostgres</c> and <c>OnSqlite</c> classes), with a clock the test moves.
/// </summary>
public abstract class PersistenceSpec(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    protected FakeClock Clock { get; } = new(Instant.FromUtc(2026, 7, 10, 8, 0));

    protected PathwayDatabase Database => _database!.Database;

    /// <summary>The database's connection string, for tests that open it as another tool would.</summary>
    protected string ConnectionString => _database!.ConnectionString;

    protected DatabaseProvider Provider => provider;

    /// <summary>The key ring the database encrypts personal data with: the test run's, unless a spec needs its own.</summary>
    protected virtual PersonalDataProtector Keys => TestDatabase.Keys;

    protected DefinitionStore Definitions { get; private set; } = null!;

    protected CareFileRunner Runner { get; private set; } = null!;

    protected OutboxStore Outbox { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, Keys);
        Definitions = new DefinitionStore(Database, new DefinitionValidator(PatternRun.Catalog), PatternRun.Catalog, Clock);
        Runner = new CareFileRunner(Database, Definitions, new Interpreter(Clock));
        Outbox = new OutboxStore(Database);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    protected async Task PublishAsync(WorkflowDefinition definition)
    {
        var result = await Definitions.ImportPublishedAsync(definition, "owner");
        Assert.Empty(result.Errors);
    }

    /// <summary>Runs SQL as a tool or an intruder with database access would, bypassing the engine.</summary>
    protected async Task<int> SqlAsync(string sql)
    {
        await using var context = Database.CreateContext();
        return await context.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Asserts the database itself refuses <paramref name="sql"/>, whatever the provider.</summary>
    protected async Task<DbException> RefusedAsync(string sql) =>
        await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(sql));

    protected async Task<T> QueryAsync<T>(Func<PathwayDbContext, Task<T>> query)
    {
        await using var context = Database.CreateContext();
        return await query(context);
    }

    protected Task<List<JournalRow>> JournalAsync(string fileId) =>
        QueryAsync(c => c.Journal.AsNoTracking().Where(j => j.FileId == fileId).OrderBy(j => j.Sequence).ToListAsync());

    protected Task<FileRow> FileAsync(string fileId) =>
        QueryAsync(c => c.Files.AsNoTracking().Include(f => f.Stages).Include(f => f.Bookmarks).SingleAsync(f => f.Id == fileId));
}
