using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using NodaTime;
using NodaTime.Text;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Host.Scheduling;
using Pathway.Host.Telemetry;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Messaging;

/// <summary>
/// Carries out the effects committed with file states: partner messages go to the partners' queues (the broker
/// confirms each before the row is marked sent), timer requests go to the scheduler. A row is marked sent only
/// once carried out, so after a crash between commit and send it is carried out again with the same message id,
/// and partners drop the repeat. A row that fails is retried with a growing back-off and does not hold up the others.
/// </summary>
internal sealed class OutboxDispatcher(
    OutboxStore outbox, PartnerRegistry partners, IBus bus, ITimerScheduler timers, OutboxSignal signal, IClock clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>The poll when nothing signals: rows retried after a back-off, or written by another host.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchPendingAsync(stoppingToken) > 0) continue;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down: log the type only (messages may quote data) and try again later.
                logger.LogWarning("The outbox could not be read ({Error}); retrying.", exception.GetType().Name);
            }

            await signal.WaitAsync(Poll, stoppingToken);
        }
    }

    /// <summary>Carries out the due rows, oldest first; returns how many were handled.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await outbox.PendingAsync(clock.GetCurrentInstant().ToDateTimeUtc(), cancellationToken: cancellationToken);
        foreach (var row in pending)
        {
            try
            {
                await CarryOutAsync(row, cancellationToken);
                var sentAt = clock.GetCurrentInstant().ToDateTimeUtc();
                await outbox.MarkSentAsync(row.MessageId, sentAt, cancellationToken);
                PathwayMetrics.EffectCarriedOut(row.Kind, sentAt - row.CreatedAt);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = exception is OutboxRowException known ? known.Message : exception.GetType().Name;
                var wait = Backoff(row.Attempts + 1);
                logger.LogWarning("Outbox message {MessageId} ({Kind}) failed: {Error}; attempt {Attempt}, next in {Wait}.",
                    row.MessageId, row.Kind, error, row.Attempts + 1, wait);
                await outbox.MarkFailedAsync(row.MessageId, error, (clock.GetCurrentInstant() + Duration.FromTimeSpan(wait)).ToDateTimeUtc(),
                    CancellationToken.None);
            }
        }

        return pending.Count;
    }

    private async Task CarryOutAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        switch (row.Kind)
        {
            case EffectKinds.ScheduleTimer:
                var due = row.DueAt is { } at ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc))
                    : throw new OutboxRowException("a timer without a due time");
                await timers.ScheduleAsync(row.FileId, BookmarkOf(row), due, cancellationToken);
                return;
            case EffectKinds.CancelTimer:
                await timers.CancelAsync(BookmarkOf(row), cancellationToken);
                return;
        }

        if (!MessageTypes.Outgoing.TryGetValue(row.Kind, out var type))
            throw new OutboxRowException($"unknown effect kind '{row.Kind}'");
        var message = JsonSerializer.Deserialize(row.Payload, type, WireJson.Options)!;
        foreach (var partner in Recipients(row.Destination))
        {
            var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + partner.Queue));
            // The send completes once the broker confirmed it (publisher confirms).
            await endpoint.Send(message, type, context => context.MessageId = row.MessageId, cancellationToken);
        }

        logger.LogInformation("Sent {Kind} {MessageId} for file {FileId} to {Destination}.", row.Kind, row.MessageId, row.FileId, row.Destination);
    }

    /// <summary>A partner id, or <c>role:</c> and a role of the registry (every partner holding it).</summary>
    private IReadOnlyList<Partner> Recipients(string? destination)
    {
        if (destination is null) throw new OutboxRowException("a message without a destination");
        if (destination.StartsWith("role:", StringComparison.Ordinal))
        {
            var holders = partners.WithRole(destination["role:".Length..]);
            return holders.Count > 0 ? holders : throw new OutboxRowException($"no partner of the registry has the role '{destination[5..]}'");
        }

        return [partners.Find(destination) ?? throw new OutboxRowException($"partner '{destination}' is not in the registry")];
    }

    private static Guid BookmarkOf(OutboxRow row) =>
        Guid.TryParse(JsonNode.Parse(row.Payload)?["bookmarkId"]?.GetValue<string>(), out var id)
            ? id : throw new OutboxRowException("a timer without a bookmark id");

    /// <summary>1 s, 2 s, 4 s … up to 5 minutes.</summary>
    internal static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempt - 1, 9))));

    private sealed class OutboxRowException(string message) : Exception(message);
}

/// <summary>Wakes the dispatcher when a step committed effects.</summary>
internal sealed class OutboxSignal : IOutboxListener
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void EffectsCommitted()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will read every pending row anyway.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
