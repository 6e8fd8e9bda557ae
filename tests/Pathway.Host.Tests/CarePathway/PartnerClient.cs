using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Pathway.Activities.Partners;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Pathway.Host.Tests.CarePathway;

/// <summary>
/// A partner's system as docs/partners.md describes it, written against the broker and the documented JSON
/// only (none of Pathway's C# types): it consumes its queue with its own broker user and publishes its answers
/// to its own answer exchange.
/// </summary>
internal sealed class PartnerClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly BlockingCollection<Received> _received = new();

    private PartnerClient(string partnerId, IConnection connection, IChannel channel)
    {
        PartnerId = partnerId;
        _connection = connection;
        _channel = channel;
    }

    public string PartnerId { get; }

    /// <summary>Every message received so far, repeats included.</summary>
    public ConcurrentQueue<Received> All { get; } = new();

    /// <param name="sink">Where every partner of a test puts what it receives, when one loop plays them all.</param>
    public static async Task<PartnerClient> ConnectAsync(string vhost, string partnerId, string password,
        BlockingCollection<(PartnerClient Partner, Received Message)>? sink = null)
    {
        var factory = new ConnectionFactory
        {
            HostName = Broker.TestBroker.Amqp.Host, Port = Broker.TestBroker.Amqp.Port, VirtualHost = vhost,
            UserName = partnerId, Password = password,
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var client = new PartnerClient(partnerId, connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var body = JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!.AsObject();
            var received = new Received(delivery.BasicProperties.MessageId, body["type"]?.GetValue<string>() ?? "", body, DateTimeOffset.UtcNow);
            client.All.Enqueue(received);
            if (sink is null) client._received.Add(received);
            else sink.Add((client, received));
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(BrokerNames.DefaultQueueOf(partnerId), autoAck: false, consumer);
        return client;
    }

    /// <summary>The next message of <paramref name="type"/> (others before it are passed over but kept in <see cref="All"/>).</summary>
    public Received Next(string type, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_received.TryTake(out var message, left))
                throw new TimeoutException($"{PartnerId} received no {type} message in time; received: " +
                    string.Join(", ", All.Select(m => m.Type)));
            if (message.Type == type) return message;
        }
    }

    /// <summary>True when nothing of <paramref name="type"/> arrives within <paramref name="wait"/>.</summary>
    public bool Quiet(string type, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            if (_received.TryTake(out var message, deadline - DateTime.UtcNow) && message.Type == type) return false;
        }

        return true;
    }

    /// <summary>Publishes raw bytes to this partner's answer exchange, as a partner would; returns the message id.</summary>
    /// <param name="contentType">The AMQP content type; null to set none.</param>
    /// <param name="replyTo">The AMQP <c>reply_to</c> property, and the headers below: what a partner might set.</param>
    public async Task<string> SendRawAsync(string body, string? messageId = null, string? exchange = null, string? contentType = "application/json",
        string? replyTo = null, IDictionary<string, object?>? headers = null)
    {
        var properties = new BasicProperties
        {
            MessageId = messageId ?? Guid.NewGuid().ToString(), ContentType = contentType, DeliveryMode = DeliveryModes.Persistent,
            ReplyTo = replyTo, Headers = headers,
        };
        await _channel.BasicPublishAsync(exchange ?? BrokerNames.AnswersExchangeOf(PartnerId), "", mandatory: false, properties,
            Encoding.UTF8.GetBytes(body));
        return properties.MessageId;
    }

    public Task<string> SendAsync(JsonObject message, string? messageId = null) => SendRawAsync(message.ToJsonString(), messageId);

    public Task<string> AnswerAsync(Received task, string answer, string? outcome = null, JsonObject? data = null, string? reason = null) =>
        SendAsync(new JsonObject
        {
            ["taskId"] = task.Body["taskId"]!.GetValue<string>(), ["answer"] = answer, ["outcome"] = outcome, ["reason"] = reason, ["data"] = data,
        }.RemoveNulls());

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    public sealed record Received(string? MessageId, string Type, JsonObject Body, DateTimeOffset At);
}

internal static class JsonObjectExtensions
{
    public static JsonObject RemoveNulls(this JsonObject value)
    {
        foreach (var key in value.Where(p => p.Value is null).Select(p => p.Key).ToList()) value.Remove(key);
        return value;
    }
}
