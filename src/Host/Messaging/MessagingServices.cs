using Pathway.Host.Answering;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MassTransit;
using Pathway.Activities.Partners;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Messaging;

public static class MessagingServices
{
    /// <summary>
    /// MassTransit on RabbitMQ (production) or in memory (embedded default), speaking plain JSON both ways; the
    /// consumer of partners' answers on <see cref="BrokerNames.AnswersQueue"/>, fed by every partner's answer
    /// exchange; and the outbox dispatcher.
    /// </summary>
    public static IServiceCollection AddPathwayMessaging(this IServiceCollection services, MessagingSettings settings, PartnerRegistry partners)
    {
        services.AddSingleton(settings);
        services.AddSingleton<AnswerGuard>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxListener>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<PartnerReplyConsumer>();
            // The bus's health is the broker's: named so in /health. Not a readiness check: intake works without
            // the broker (messages wait in the outbox), so taking every host out of rotation would be worse.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "broker";
                health.Tags.Clear();
            });
            if (settings.Transport == Transport.RabbitMq)
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    rabbit.Host(settings.RabbitMqUrl!, host => host.PublisherConfirmation = true);
                    UsePlainJson(rabbit);
                    rabbit.ReceiveEndpoint(BrokerNames.AnswersQueue, endpoint =>
                    {
                        endpoint.ConfigureConsumeTopology = false;
                        // Each partner's answer exchange feeds the queue; the exchange names the sender.
                        foreach (var partner in partners.All)
                            endpoint.Bind(BrokerNames.AnswersExchangeOf(partner.Id));
                        ConfigureAnswers(endpoint, context, returnedToTheQueue: true);
                    });
                });
            else
                bus.UsingInMemory((context, memory) =>
                {
                    UsePlainJson(memory);
                    memory.ReceiveEndpoint(BrokerNames.AnswersQueue, endpoint =>
                    {
                        endpoint.ConfigureConsumeTopology = false;
                        ConfigureAnswers(endpoint, context, returnedToTheQueue: false);
                    });
                });
        });
        // After MassTransit's hosted service, so the bus is started when the first row is sent.
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Partners are not all .NET shops: the body is the message itself, no envelope, camelCase.</summary>
    private static void UsePlainJson(IBusFactoryConfigurator bus)
    {
        bus.UseRawJsonSerializer(RawSerializerOptions.AnyMessageType | RawSerializerOptions.AddTransportHeaders, isDefault: true);
        bus.ConfigureJsonSerializerOptions(options =>
        {
            options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            return options;
        });
    }

    /// <summary>
    /// A partner's answer is applied once it is read, or refused: nothing else sends it to the error queue.
    /// <list type="bullet">
    /// <item>A refusal (<see cref="AnswerRejectedException"/>) goes straight to <c>pathway.answers_error</c> with its reason.</item>
    /// <item>Any other failure (the database away, a timeout, a bug) is retried in place with a growing interval, up to
    /// <see cref="AnswerRetries.Ceiling"/> between tries. RabbitMQ closes a channel that holds a message unacknowledged
    /// for longer than its <c>consumer_timeout</c> (30 minutes by default), so there a message is held for
    /// <see cref="AnswerRetries.TriesBeforeReturn"/> tries (about three minutes), then given back to the queue (a
    /// requeueing nack, <see cref="RefusedAnswersToErrorQueue"/>), which delivers it again at once for another round,
    /// for as long as it takes. Neither the delayed-exchange plugin nor a scheduler is needed, so no partner's broker
    /// needs them. The in-memory bus has no consumer timeout and would lose a message given back: it retries in place.</item>
    /// <item>A redelivered answer is applied once, by the inbox. At most <see cref="Prefetch"/> answers are in hand at
    /// once; while they wait, the others wait in the queue.</item>
    /// </list>
    /// </summary>
    private static void ConfigureAnswers(IReceiveEndpointConfigurator endpoint, IRegistrationContext context, bool returnedToTheQueue)
    {
        // Tests register quicker rounds.
        var retries = context.GetService<AnswerRetries>() ?? AnswerRetries.Default;
        // A refused answer is for the operators (error queue), not an event for other services.
        endpoint.PublishFaults = false;
        endpoint.PrefetchCount = Prefetch;
        // A partner that sets no content type still speaks JSON.
        endpoint.DefaultContentType = new System.Net.Mime.ContentType("application/json");
        endpoint.ClearSerialization();
        var json = new PartnerBodySerializerFactory();
        endpoint.AddSerializer(json);
        endpoint.AddDeserializer(json, isDefault: true);
        endpoint.UseMessageRetry(retry =>
        {
            retry.Ignore<AnswerRejectedException>();
            retry.Exponential(returnedToTheQueue ? retries.TriesBeforeReturn : int.MaxValue,
                TimeSpan.FromMilliseconds(200), retries.Ceiling, TimeSpan.FromMilliseconds(500));
        });
        endpoint.ConfigureError(error => error.UseFilter(new RefusedAnswersToErrorQueue(retries.Ceiling)));
        endpoint.ConfigureConsumer<PartnerReplyConsumer>(context);
    }

    private const int Prefetch = 16;
}
