using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using NodaTime;
using NodaTime.Text;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Host.Scheduling;
using Pathway.Host.Setup;
using Pathway.Host.Telemetry;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Messaging;

/// <summary>
/// Carries out the effects committed with file states, in two lanes that never wait for each other: timer requests
/// go to the scheduler (they need only the database), partner messages go to the partners' queues (the broker
/// confirms each before the row is marked sent). A row is marked sent only once carried out, so after a crash between
/// commit and send it is carried out again with the same message id, and partners drop the repeat.
/// </summary>
/// <remarks>
/// <para>Each lane claims a few due rows at a time for a lease (<see cref="OutboxStore.ClaimAsync"/>), so that with
/// several hosts on one database each row is carried out by one host, a file's messages in order, and a dead host's
/// rows are taken over once its lease has run out.</para>
/// <para>A row that fails for a reason of its own (an unknown partner) backs off, 1 s, 2 s, 4 s … up to 5 minutes, and
/// the lane goes on with the next one. A send that the broker does not confirm within the send timeout (the broker
/// away or hung) backs off its row for <see cref="BrokerProbe"/> only and ends the round: the other claimed rows are
/// given back untried, and the lane tries its oldest row again after <see cref="BrokerProbe"/>, so that once the
/// broker is back the backlog leaves within seconds.</para>
/// <para>Nothing starts before the host is up (<see cref="HostStarted"/>).</para>
/// </remarks>
internal sealed class OutboxDispatcher(
    OutboxStore outbox, PartnerRegistry partners, IBus bus, ITimerScheduler timers, OutboxSignal signal, IClock clock,
    MessagingSettings settings, IHostApplicationLifetime lifetime, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>The poll when nothing signals: rows retried after a back-off, or written by another host.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>While the broker does not confirm sends, how often the messages' lane tries again.</summary>
    internal static readonly TimeSpan BrokerProbe = TimeSpan.FromSeconds(2);

    /// <summary>This process's name on the rows it claims: the machine, the process, and a random part for restarts.</summary>
    internal string Claimant { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken)) return;
        await Task.WhenAll(RunAsync(OutboxLane.Timers, stoppingToken), RunAsync(OutboxLane.Messages, stoppingToken));
    }

    private async Task RunAsync(OutboxLane lane, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                var round = await DispatchAsync(lane, stoppingToken);
                if (round.BrokerAway) wait = BrokerProbe;
                else if (round.Handled > 0) continue;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down: log the type only (messages may quote data) and try again later.
                logger.LogWarning("The outbox ({Lane}) could not be read ({Error}); retrying.", lane, exception.GetType().Name);
            }

            try
            {
                await signal.WaitAsync(lane, wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and carries out one round of a lane's due rows, oldest first.</summary>
    internal async Task<Round> DispatchAsync(OutboxLane lane, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var claimed = await outbox.ClaimAsync(lane, Claimant, now.ToDateTimeUtc(),
            (now + Duration.FromTimeSpan(settings.Outbox.Lease)).ToDateTimeUtc(), settings.Outbox.Batch, cancellationToken);
        for (var i = 0; i < claimed.Count; i++)
        {
            var row = claimed[i];
            try
            {
                await CarryOutAsync(row, cancellationToken);
                var sentAt = clock.GetCurrentInstant().ToDateTimeUtc();
                await outbox.MarkSentAsync(row.MessageId, sentAt, cancellationToken);
                PathwayMetrics.EffectCarriedOut(row.Kind, sentAt - row.CreatedAt);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var ownFault = exception is OutboxRowException;
                var brokerAway = lane == OutboxLane.Messages && !ownFault;
                var error = ownFault ? exception.Message : exception is TimeoutException ? "the broker did not confirm in time" : exception.GetType().Name;
                var wait = brokerAway ? BrokerProbe : Backoff(row.Attempts + 1);
                logger.LogWarning("Outbox message {MessageId} ({Kind}) failed: {Error}; attempt {Attempt}, next in {Wait}.",
                    row.MessageId, row.Kind, error, row.Attempts + 1, wait);
                await outbox.MarkFailedAsync(row.MessageId, error, (clock.GetCurrentInstant() + Duration.FromTimeSpan(wait)).ToDateTimeUtc(),
                    CancellationToken.None);
                if (!brokerAway) continue;
                // Every other send would wait as long: give them back untried, for this host or another to send later.
                await outbox.ReleaseAsync(claimed.Skip(i + 1).Select(r => r.MessageId), Claimant, CancellationToken.None);
                return new Round(i + 1, BrokerAway: true);
            }
        }

        return new Round(claimed.Count, BrokerAway: false);
    }

    internal readonly record struct Round(int Handled, bool BrokerAway);

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
            // The send completes once the broker confirmed it (publisher confirms); one the broker does not confirm in
            // time is abandoned (if it reached the broker after all, the partner drops the repeat by its message id).
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Outbox.SendTimeout);
            try
            {
                var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + partner.Queue)).WaitAsync(timeout.Token);
                await endpoint.Send(message, type, context => context.MessageId = row.MessageId, timeout.Token).WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException();
            }
        }

        logger.LogInformation("Sent {Kind} {MessageId} for file {FileId} to {Destination}.", row.Kind, row.MessageId, row.FileId, row.Destination);
    }

    /// <summary>A partner id, or <c>role:</c> and a role of the registry (every partner holding it).</summary>
    private IReadOnlyList<Partner> Recipients(string? destination)
    {
        if (destination is null) throw new OutboxRowException("a message without a destination");
        var to = Addressee.Parse(destination);
        if (to.Role is { } role)
        {
            var holders = partners.WithRole(role);
            return holders.Count > 0 ? holders : throw new OutboxRowException($"no partner of the registry has the role '{role}'");
        }

        return [partners.Find(to.PartnerId!) ?? throw new OutboxRowException($"partner '{destination}' is not in the registry")];
    }

    private static Guid BookmarkOf(OutboxRow row) =>
        Guid.TryParse(JsonNode.Parse(row.Payload)?["bookmarkId"]?.GetValue<string>(), out var id)
            ? id : throw new OutboxRowException("a timer without a bookmark id");

    /// <summary>1 s, 2 s, 4 s … up to 5 minutes.</summary>
    internal static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(attempt - 1, 9))));

    private sealed class OutboxRowException(string message) : Exception(message);
}

/// <summary>Wakes both lanes of the dispatcher when a step committed effects.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "A SemaphoreSlim whose AvailableWaitHandle is never read holds nothing to release; the signal lives as long as the host.")]
internal sealed class OutboxSignal : IOutboxListener
{
    private readonly SemaphoreSlim _timers = new(0, 1);
    private readonly SemaphoreSlim _messages = new(0, 1);

    public void EffectsCommitted()
    {
        Release(_timers);
        Release(_messages);
    }

    public Task WaitAsync(OutboxLane lane, TimeSpan timeout, CancellationToken cancellationToken) =>
        (lane == OutboxLane.Timers ? _timers : _messages).WaitAsync(timeout, cancellationToken);

    private static void Release(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the lane will read every due row anyway.
        }
    }
}
