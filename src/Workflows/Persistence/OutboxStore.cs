using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// The effects committed with file states, waiting to be carried out. A dispatcher claims the due rows of its lane
/// for a lease, carries each out (the message id never changes, so receivers drop repeats), then marks it sent.
/// A row not marked sent is carried out again after a crash, by whichever host claims it once its lease has run
/// out: delivery is at least once, by design.
/// </summary>
public sealed class OutboxStore(PathwayDatabase database)
{
    private static readonly string[] TimerKinds = [EffectKinds.ScheduleTimer, EffectKinds.CancelTimer];

    /// <summary>Whether an effect is carried out by the timers' lane (it needs only the database) or the messages' (the broker).</summary>
    public static OutboxLane LaneOf(string kind) => TimerKinds.Contains(kind) ? OutboxLane.Timers : OutboxLane.Messages;

    /// <summary>
    /// Claims for <paramref name="host"/>, until <paramref name="until"/>, at most <paramref name="limit"/> of the
    /// oldest unsent rows of <paramref name="lane"/> that are due (not backing off after a failure) and not claimed by
    /// another host whose lease still runs; returns them in the order to carry them out. A row waits while an earlier
    /// row of the same file in the same lane is claimed by another host, so that a file's messages leave in order.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the rows are locked with <c>FOR UPDATE SKIP LOCKED</c> while they are claimed: two hosts
    /// claiming at once get different rows, neither waits for the other. SQLite serves one host (its file is local),
    /// so a plain update is enough. The rows are then read whole, through the context, so that their protected
    /// payload is unsealed as anywhere else (never read by SQL of its own).
    /// </remarks>
    public async Task<IReadOnlyList<OutboxRow>> ClaimAsync(OutboxLane lane, string host, DateTime now, DateTime until, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var timers = lane == OutboxLane.Timers;
        List<Guid> claimed;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            claimed = await context.Database.SqlQuery<Guid>($"""
                UPDATE outbox SET claimed_by = {host}, claimed_until = {until}
                WHERE message_id IN (
                    SELECT o.message_id FROM outbox o
                    WHERE o.sent_at IS NULL
                      AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= {now})
                      AND (o.claimed_until IS NULL OR o.claimed_until < {now})
                      AND (o.kind = ANY({TimerKinds})) = {timers}
                      AND NOT EXISTS (
                          SELECT 1 FROM outbox e
                          WHERE e.file_id = o.file_id AND e.sent_at IS NULL AND (e.kind = ANY({TimerKinds})) = {timers}
                            AND e.claimed_by <> {host} AND e.claimed_until >= {now}
                            AND (e.file_revision, e.position) < (o.file_revision, o.position))
                    ORDER BY o.created_at, o.file_revision, o.position
                    LIMIT {limit}
                    FOR UPDATE SKIP LOCKED)
                RETURNING message_id AS "Value"
                """).ToListAsync(cancellationToken);
        }
        else
        {
            claimed = await context.Outbox
                .Where(o => o.SentAt == null && (o.NextAttemptAt == null || o.NextAttemptAt <= now)
                            && (o.ClaimedUntil == null || o.ClaimedUntil < now)
                            && TimerKinds.Contains(o.Kind) == timers)
                .OrderBy(o => o.CreatedAt).ThenBy(o => o.FileRevision).ThenBy(o => o.Position)
                .Select(o => o.MessageId).Take(limit).ToListAsync(cancellationToken);
            if (claimed.Count > 0)
                await context.Outbox.Where(o => claimed.Contains(o.MessageId))
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, host).SetProperty(o => o.ClaimedUntil, until), cancellationToken);
        }

        if (claimed.Count == 0) return [];
        return await context.Outbox.AsNoTracking().Where(o => claimed.Contains(o.MessageId))
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.FileRevision).ThenBy(o => o.Position)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The oldest unsent effects that are due at <paramref name="now"/>, claimed or not, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OutboxRow>> PendingAsync(DateTime now, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        return await context.Outbox.AsNoTracking()
            .Where(o => o.SentAt == null && (o.NextAttemptAt == null || o.NextAttemptAt <= now))
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.FileRevision).ThenBy(o => o.Position)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Gives back rows claimed and not carried out (the lane stopped early): any host may take them at once.</summary>
    public async Task ReleaseAsync(IEnumerable<Guid> messageIds, string host, CancellationToken cancellationToken = default)
    {
        var ids = messageIds.ToList();
        if (ids.Count == 0) return;
        await using var context = database.CreateContext();
        await context.Outbox.Where(o => ids.Contains(o.MessageId) && o.SentAt == null && o.ClaimedBy == host)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.ClaimedUntil, (DateTime?)null),
                cancellationToken);
    }

    public async Task MarkSentAsync(Guid messageId, DateTime sentAt, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        await context.Outbox.Where(o => o.MessageId == messageId && o.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.SentAt, sentAt).SetProperty(o => o.Attempts, o => o.Attempts + 1)
                .SetProperty(o => o.LastError, (string?)null).SetProperty(o => o.ClaimedBy, (string?)null)
                .SetProperty(o => o.ClaimedUntil, (DateTime?)null), cancellationToken);
    }

    /// <summary>Records a failed attempt; the row is tried again from <paramref name="nextAttemptAt"/>, by any host.
    /// <paramref name="error"/> must not hold personal data.</summary>
    public async Task MarkFailedAsync(Guid messageId, string error, DateTime nextAttemptAt, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        await context.Outbox.Where(o => o.MessageId == messageId && o.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.LastError, error)
                .SetProperty(o => o.NextAttemptAt, nextAttemptAt).SetProperty(o => o.ClaimedBy, (string?)null)
                .SetProperty(o => o.ClaimedUntil, (DateTime?)null), cancellationToken);
    }
}

/// <summary>The outbox's two lanes, carried out independently: a broker that hangs never holds up a timer.</summary>
public enum OutboxLane
{
    Timers,
    Messages,
}
