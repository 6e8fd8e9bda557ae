using Microsoft.EntityFrameworkCore;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// The effects committed with file states, waiting to be carried out. A dispatcher reads the pending rows in
/// order, carries each out (the message id never changes, so receivers drop repeats), then marks it sent.
/// A row not marked sent is carried out again after a crash: delivery is at least once, by design.
/// </summary>
public sealed class OutboxStore(PathwayDatabase database)
{
    /// <summary>The oldest unsent effects that are due at <paramref name="now"/> (not backing off after a failure), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OutboxRow>> PendingAsync(DateTime now, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        return await context.Outbox.AsNoTracking()
            .Where(o => o.SentAt == null && (o.NextAttemptAt == null || o.NextAttemptAt <= now))
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.MessageId)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task MarkSentAsync(Guid messageId, DateTime sentAt, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        await context.Outbox.Where(o => o.MessageId == messageId && o.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.SentAt, sentAt).SetProperty(o => o.Attempts, o => o.Attempts + 1)
                .SetProperty(o => o.LastError, (string?)null), cancellationToken);
    }

    /// <summary>Records a failed attempt; the row is tried again from <paramref name="nextAttemptAt"/>.
    /// <paramref name="error"/> must not hold personal data.</summary>
    public async Task MarkFailedAsync(Guid messageId, string error, DateTime nextAttemptAt, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        await context.Outbox.Where(o => o.MessageId == messageId && o.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.LastError, error)
                .SetProperty(o => o.NextAttemptAt, nextAttemptAt), cancellationToken);
    }
}
