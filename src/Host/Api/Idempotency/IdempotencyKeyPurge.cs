using NodaTime;
using Pathway.Host.Setup;

namespace Pathway.Host.Api.Idempotency;

/// <summary>Deletes expired keys every hour, once the host is up, so that keys no one retries do not pile up.</summary>
internal sealed class IdempotencyKeyPurge(IdempotencyStore store, IClock clock, IHostApplicationLifetime lifetime,
    ILogger<IdempotencyKeyPurge> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken)) return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var purged = await store.PurgeAsync(clock.GetCurrentInstant().ToDateTimeUtc(), stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} expired idempotency key(s).", purged);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down: the next round tries again. The type only: messages may quote values.
                logger.LogWarning("Expired idempotency keys could not be purged ({Error}); next try in an hour.", exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
