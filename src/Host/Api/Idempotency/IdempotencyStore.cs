using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Api.Idempotency;

/// <summary>
/// Reads the answers kept for keyed requests (<c>idempotency_keys</c>). They are written by the features, in the
/// transaction of their effect (<see cref="IdempotentRequest.RowsAsync"/>), never here.
/// </summary>
internal sealed class IdempotencyStore(PathwayDatabase database)
{
    /// <summary>The answer kept for the user's key, or null. An expired one is deleted, so the key can serve anew.</summary>
    public async Task<IdempotencyKeyRow?> FindAsync(string actor, string key, DateTime now, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var row = await context.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Actor == actor && k.Key == key, cancellationToken);
        if (row is null || row.ExpiresAt > now) return row;
        await context.IdempotencyKeys.Where(k => k.Actor == actor && k.Key == key && k.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        return null;
    }

    /// <summary>Deletes every expired answer; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.IdempotencyKeys.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
