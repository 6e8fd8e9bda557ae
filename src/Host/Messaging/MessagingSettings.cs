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
public sealed class MessagingSettings(Transport transport, Uri? rabbitMqUrl)
{
    private const string TransportKey = PathwaySettings.Section + ":Messaging:Transport";
    private const string UrlKey = PathwaySettings.Section + ":Messaging:RabbitMq:Url";

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
        if (transport == Transport.InMemory) return new MessagingSettings(transport, null);

        var text = configuration[UrlKey];
        if (string.IsNullOrWhiteSpace(text))
            throw new PathwayStartupException($"{UrlKey} is required when {TransportKey} is RabbitMq.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("amqp" or "amqps"))
            throw new PathwayStartupException($"{UrlKey} must be an amqp:// or amqps:// URL.");
        return new MessagingSettings(transport, url);
    }
}
