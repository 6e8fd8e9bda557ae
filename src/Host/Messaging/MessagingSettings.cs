using Pathway.Host.Setup;

namespace Pathway.Host.Messaging;

public enum Transport
{
    /// <summary>The embedded default: messages stay in the process (no partner can connect).</summary>
    InMemory,
    /// <summary>Production: partners connect to RabbitMQ with their own broker users.</summary>
    RabbitMq,
}

/// <summary>The <c>Pathway:Messaging</c> section.</summary>
/// <remarks>A class, not a record: a record would print the broker URL, password included.</remarks>
public sealed class MessagingSettings(Transport transport, Uri? rabbitMqUrl, OutboxSettings? outbox = null)
{
    private const string TransportKey = PathwaySettings.Section + ":Messaging:Transport";
    private const string UrlKey = PathwaySettings.Section + ":Messaging:RabbitMq:Url";
    private const string SendTimeoutKey = PathwaySettings.Section + ":Messaging:Outbox:SendTimeout";
    private const string LeaseKey = PathwaySettings.Section + ":Messaging:Outbox:Lease";

    /// <summary>How the outbox dispatcher waits and claims (<see cref="OutboxDispatcher"/>).</summary>
    public OutboxSettings Outbox { get; } = outbox ?? new OutboxSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

    public Transport Transport { get; } = transport;

    /// <summary><c>amqp://user:password@host:port/vhost</c> of the engine's own broker user.</summary>
    public Uri? RabbitMqUrl { get; } = rabbitMqUrl;

    /// <exception cref="PathwayStartupException">A setting is wrong.</exception>
    public static MessagingSettings Read(IConfiguration configuration)
    {
        var transport = configuration[TransportKey] switch
        {
            null or "" => Transport.InMemory,
            var value when string.Equals(value.Trim(), nameof(Transport.InMemory), StringComparison.OrdinalIgnoreCase) => Transport.InMemory,
            var value when string.Equals(value.Trim(), nameof(Transport.RabbitMq), StringComparison.OrdinalIgnoreCase) => Transport.RabbitMq,
            var value => throw new PathwayStartupException($"{TransportKey} is '{value}': use InMemory or RabbitMq."),
        };
        var outbox = new OutboxSettings(
            Duration(configuration, SendTimeoutKey, TimeSpan.FromSeconds(5)), Duration(configuration, LeaseKey, TimeSpan.FromSeconds(60)));
        if (outbox.Lease < 4 * outbox.SendTimeout)
            throw new PathwayStartupException($"{LeaseKey} must be at least four times {SendTimeoutKey}: a claim must outlast the sends it covers.");
        if (transport == Transport.InMemory) return new MessagingSettings(transport, null, outbox);

        var text = configuration[UrlKey];
        if (string.IsNullOrWhiteSpace(text))
            throw new PathwayStartupException($"{UrlKey} is required when {TransportKey} is RabbitMq.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("amqp" or "amqps"))
            throw new PathwayStartupException($"{UrlKey} must be an amqp:// or amqps:// URL.");
        return new MessagingSettings(transport, url, outbox);
    }

    private static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new PathwayStartupException($"{key} is '{text}': give a positive duration, e.g. 00:00:05.");
    }
}

/// <param name="SendTimeout">How long one send to the broker may take before the row backs off and the lane moves on.</param>
/// <param name="Lease">How long a host's claim on outbox rows lasts: another host takes over a dead host's rows after it.</param>
public sealed record OutboxSettings(TimeSpan SendTimeout, TimeSpan Lease)
{
    /// <summary>Rows claimed at once: their sends, each cut at <see cref="SendTimeout"/>, fit well within the lease.</summary>
    public int Batch => (int)Math.Clamp(Lease / (2 * SendTimeout), 1, 100);
}
