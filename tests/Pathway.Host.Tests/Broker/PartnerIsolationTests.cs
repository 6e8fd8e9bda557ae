using System.Text;
using Pathway.Activities.Partners;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// What the permissions provisioning sets mean, tried over AMQP with partner A's own credentials: A reads its
/// tasks and answers through its exchange, and can neither read B's tasks nor pass itself off as B or as the engine.
/// </summary>
public sealed class PartnerIsolationTests(ProvisionedPartners partners) : IClassFixture<ProvisionedPartners>
{
    private const ushort AccessRefused = 403;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private Partner A => partners.A;

    private Partner B => partners.B;

    [Fact]
    public async Task A_consumes_the_tasks_the_engine_sends_to_its_exchange()
    {
        var task = Body("task for A");
        await using (var engine = await (await partners.ConnectAsEngineAsync()).CreateChannelAsync(ConfirmedPublishing))
            await engine.BasicPublishAsync(A.Queue, "", task);

        var connection = await partners.ConnectAsAsync(A);
        await using var channel = await connection.CreateChannelAsync();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(A.Queue, autoAck: true, consumer);

        Assert.Equal("task for A", await received.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_cannot_consume_the_queue_of_B()
    {
        var refusal = await RefusalAsync(channel => channel.BasicConsumeAsync(B.Queue, autoAck: true, new AsyncEventingBasicConsumer(channel)));

        Assert.Equal(AccessRefused, refusal.ReplyCode);
        Assert.Contains($"queue '{B.Queue}'", refusal.ReplyText);
    }

    [Fact]
    public async Task A_cannot_fetch_from_the_answers_queue()
    {
        var refusal = await RefusalAsync(channel => channel.BasicGetAsync(BrokerNames.AnswersQueue, autoAck: true));

        Assert.Equal(AccessRefused, refusal.ReplyCode);
    }

    [Fact]
    public async Task A_cannot_publish_to_the_answer_exchange_of_B()
    {
        var refusal = await RefusalAsync(channel => channel.BasicPublishAsync(BrokerNames.AnswersExchangeOf(B.Id), "", Body("forged answer")).AsTask());

        Assert.Equal(AccessRefused, refusal.ReplyCode);
        Assert.Contains($"exchange '{BrokerNames.AnswersExchangeOf(B.Id)}'", refusal.ReplyText);
    }

    [Fact]
    public async Task A_cannot_publish_through_the_default_exchange_not_even_to_the_answers_queue()
    {
        var refusal = await RefusalAsync(channel => channel.BasicPublishAsync("", BrokerNames.AnswersQueue, Body("forged answer")).AsTask());

        Assert.Equal(AccessRefused, refusal.ReplyCode);
        Assert.Contains("exchange 'amq.default'", refusal.ReplyText);
    }

    [Fact]
    public async Task A_cannot_publish_to_an_exchange_named_after_the_answers_queue()
    {
        // MassTransit declares such an exchange beside each queue it consumes; it must stay the engine's.
        await using (var engine = await (await partners.ConnectAsEngineAsync()).CreateChannelAsync())
        {
            await engine.ExchangeDeclareAsync(BrokerNames.AnswersQueue, ExchangeType.Fanout, durable: true);
            await engine.QueueBindAsync(BrokerNames.AnswersQueue, BrokerNames.AnswersQueue, "");
        }

        var refusal = await RefusalAsync(channel => channel.BasicPublishAsync(BrokerNames.AnswersQueue, "", Body("forged answer")).AsTask());

        Assert.Equal(AccessRefused, refusal.ReplyCode);
    }

    [Fact]
    public async Task A_cannot_declare_a_queue_of_its_own()
    {
        var refusal = await RefusalAsync(channel => channel.QueueDeclareAsync("pathway.partner.a-private", durable: true, exclusive: false, autoDelete: false));

        Assert.Equal(AccessRefused, refusal.ReplyCode);
    }

    [Fact]
    public async Task An_answer_A_publishes_reaches_the_engine_through_the_answer_exchange_of_A()
    {
        var answer = $"answer {Guid.NewGuid():N}";
        var connection = await partners.ConnectAsAsync(A);
        await using (var channel = await connection.CreateChannelAsync(ConfirmedPublishing))
            await channel.BasicPublishAsync(BrokerNames.AnswersExchangeOf(A.Id), "", Body(answer));

        var delivery = await FetchAnswerAsync(answer);

        // The engine reads who answered from here, never from the body.
        Assert.Equal(BrokerNames.AnswersExchangeOf(A.Id), delivery.Exchange);
        Assert.Equal(A.Id, BrokerNames.PartnerOfAnswersExchange(delivery.Exchange));
    }

    // Confirms make a publish return once the broker has routed it.
    private static CreateChannelOptions ConfirmedPublishing => new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    private static ReadOnlyMemory<byte> Body(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Runs an operation as A on a fresh channel; returns why the broker closed the channel, failing if it did not.</summary>
    private async Task<ShutdownEventArgs> RefusalAsync(Func<IChannel, Task> operation)
    {
        var connection = await partners.ConnectAsAsync(A);
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await operation(channel);
            // A refused publish has no reply: the broker closes the channel later. A round trip waits for that.
            await channel.BasicQosAsync(0, 1, false);
        }
        catch (Exception exception) when (exception is OperationInterruptedException or AlreadyClosedException)
        {
        }

        Assert.True(connection.IsOpen, "A refusal closes the channel, not the connection.");
        return channel.CloseReason ?? throw new Xunit.Sdk.XunitException("The broker allowed it.");
    }

    private async Task<BasicGetResult> FetchAnswerAsync(string body)
    {
        await using var engine = await (await partners.ConnectAsEngineAsync()).CreateChannelAsync();
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await engine.BasicGetAsync(BrokerNames.AnswersQueue, autoAck: true) is { } result)
            {
                if (Encoding.UTF8.GetString(result.Body.Span) == body) return result;
                continue;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"'{body}' did not reach {BrokerNames.AnswersQueue}.");
    }
}
