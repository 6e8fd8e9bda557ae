using Microsoft.EntityFrameworkCore;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// The effects committed with file states, waiting to be carried out. A dispatcher reads the pending rows in
/// order, carries each out (the message id never changes, so receivers drop repeats), then marks it sent.
/// A row not marked sent is carried out again after a crash: delivery is at least once, by design.
/// </summary>
public sealed class OutboxStore(PathwayDatabase database)
{
    /// <summary>The oldest unsent effects, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OutboxRow>> PendingAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        return await context.Outbox.AsNoTracking()
            .Where(o => o.SentAt == null)
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.MessageId)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public async Task MarkSentAsync(Guid messageId, DateTime sentAt, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        await context.Outbox.Where(o => o.MessageId == messageId && o.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.SentAt, sentAt).SetProperty(o => o.Attempts, o => o.Attempts + 1), cancellationToken);
    }
}
