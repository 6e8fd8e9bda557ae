using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Rewrites the values written before values were bound to their place (<c>pw1:</c>) bound to the place they are
/// found in (<c>pw2:</c>), when the database is migrated (<see cref="PathwayDatabase.MigrateAsync"/>). An EF Core
/// migration runs SQL, and SQL holds no key: this is C#, run right after the migrations.
/// </summary>
/// <remarks>
/// It runs while <see cref="PendingRebindingRow"/> is present (the migration <c>BindPersonalDataToPlace</c> inserts
/// it), in batches of <see cref="BatchSize"/> rows, each in its own transaction that locks that row: resumable (a
/// crash keeps what was committed, and the rest is done at the next start), idempotent (only unbound values are
/// read), and two hosts starting together take turns. The journal's append-only trigger lets exactly this change
/// through: a <c>pw1:</c> value replaced by a <c>pw2:</c> one, nothing else of the line changed.
/// </remarks>
internal static class PersonalDataRebinding
{
    public const int BatchSize = 200;

    private static readonly MethodInfo RebindBatch =
        typeof(PersonalDataRebinding).GetMethod(nameof(RebindBatchAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <returns>How many values were rebound, by column (<c>files.state</c>); empty when there was nothing to do.</returns>
    public static async Task<IReadOnlyDictionary<string, int>> RunAsync(PathwayDatabase database, CancellationToken cancellationToken)
    {
        var rebound = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            await using var context = database.CreateContext();
            context.OpensUnboundValues = true;
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var pending = await database.LockAsync(context.PendingRebinding,
                $"SELECT * FROM pending_rebinding WHERE id = 1 FOR UPDATE", p => p.Id == 1, cancellationToken);
            // Nothing to rebind, or another host has just finished.
            if (pending is null) return rebound;

            var done = true;
            foreach (var entity in PersonalDataColumns.All.Select(c => c.Entity).Distinct())
            {
                var batch = (Task<int>)RebindBatch.MakeGenericMethod(entity).Invoke(null, [context, rebound, cancellationToken])!;
                if (await batch > 0)
                {
                    done = false;
                    break;
                }
            }

            if (done) context.PendingRebinding.Remove(pending);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (done) return rebound;
        }
    }

    /// <summary>Rebinds up to <see cref="BatchSize"/> rows of <typeparamref name="TRow"/> holding an unbound value.</summary>
    /// <returns>How many rows were rebound: 0 once none is left.</returns>
    private static async Task<int> RebindBatchAsync<TRow>(PathwayDbContext context, Dictionary<string, int> rebound,
        CancellationToken cancellationToken) where TRow : class
    {
        var entity = context.Model.FindEntityType(typeof(TRow))!;
        var protectedEntity = PersonalDataColumns.Protected(entity)!;
        // Names from the model, not from input. substr and = are case-sensitive on both providers (SQLite's LIKE is not).
        var unbound = string.Join(" OR ", protectedEntity.Columns.Select(c => $"substr({c.Column}, 1, 4) = 'pw1:'"));
        var sql = $"SELECT * FROM {entity.GetTableName()} WHERE {unbound} LIMIT {BatchSize}";
        // Materializing opens the unbound values (the context allows it); closed bookmarks are rebound too.
        var rows = await context.Set<TRow>().FromSqlRaw(sql).IgnoreQueryFilters().ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var entry = context.Entry(row);
            foreach (var column in protectedEntity.Columns)
            {
                var stored = entry.Property(column.Stored);
                if (stored.CurrentValue is not string value || !PersonalDataProtector.IsUnbound(value)) continue;
                stored.CurrentValue = context.Protector.Protect(column.Get(row)!, protectedEntity.PlaceOf(column, row));
                rebound[column.Name] = rebound.GetValueOrDefault(column.Name) + 1;
            }
        }

        return rows.Count;
    }
}
