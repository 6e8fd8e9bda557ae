using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Persistence;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// The migrations are written by hand: the migrated schema must hold every table and column of the model,
/// and migrating twice changes nothing.
/// </summary>
public abstract class MigrationSchemaTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : MigrationSchemaTests(DatabaseProvider.Postgres);

    public sealed class OnSqlite() : MigrationSchemaTests(DatabaseProvider.Sqlite);

    [Fact]
    public async Task Every_column_of_the_model_exists_in_the_migrated_database()
    {
        await using var context = Database.CreateContext();
        foreach (var entity in context.Model.GetEntityTypes())
        {
            var columns = string.Join(", ", entity.GetProperties().Select(p => p.GetColumnName()));
            // Names come from the model, not from input. Throws if a table or a column is missing.
            var probe = "SELECT " + columns + " FROM " + entity.GetTableName() + " WHERE 1 = 0";
            await context.Database.ExecuteSqlRawAsync(probe);
        }
    }

    [Fact]
    public async Task Migrating_again_applies_nothing()
    {
        await Database.MigrateAsync();

        await using var context = Database.CreateContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Single(await context.Database.GetAppliedMigrationsAsync());
    }
}
