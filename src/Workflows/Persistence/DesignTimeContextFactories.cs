using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pathway.Workflows.Persistence;

// For `dotnet ef` only (see docs/persistence.md, "Migrations"): the tools build the contexts through these,
// never the engine. `migrations add` does not connect, so the connection strings are placeholders; give a real
// one with `dotnet ef ... -- "<connection string>"` for commands that do (database update, migrations list).
// The key ring is a throw-away one: the model's shape does not depend on the keys, and the tools read no data.

internal sealed class PostgresPathwayContextFactory : IDesignTimeDbContextFactory<PostgresPathwayContext>
{
    public PostgresPathwayContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPathwayContext>()
            .UseNpgsql(args.FirstOrDefault() ?? "Host=localhost;Database=pathway",
                o => o.MigrationsHistoryTable(PathwayDatabase.MigrationsHistoryTable))
            .Options, PersonalDataProtector.Random("design"));
}

internal sealed class SqlitePathwayContextFactory : IDesignTimeDbContextFactory<SqlitePathwayContext>
{
    public SqlitePathwayContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePathwayContext>()
            .UseSqlite(args.FirstOrDefault() ?? "Data Source=data/pathway.db",
                o => o.MigrationsHistoryTable(PathwayDatabase.MigrationsHistoryTable))
            .Options, PersonalDataProtector.Random("design"));
}
