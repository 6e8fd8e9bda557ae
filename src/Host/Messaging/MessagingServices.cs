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
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxListener>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<PartnerReplyConsumer>();
            // The bus's readiness is the broker's: named so in /health/ready.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "broker";
                health.Tags.Clear();
                health.Tags.Add(Health.HealthEndpoints.Ready);
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
                        ConfigureAnswers(endpoint, context);
                    });
                });
            else
                bus.UsingInMemory((context, memory) =>
                {
                    UsePlainJson(memory);
                    memory.ReceiveEndpoint(BrokerNames.AnswersQueue, endpoint =>
                    {
                        endpoint.ConfigureConsumeTopology = false;
                        ConfigureAnswers(endpoint, context);
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

    private static void ConfigureAnswers(IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        // A refused answer is for the operators (error queue), not an event for other services.
        endpoint.PublishFaults = false;
        // A partner that sets no content type still speaks JSON.
        endpoint.DefaultContentType = new System.Net.Mime.ContentType("application/json");
        endpoint.ClearSerialization();
        var json = new PartnerBodySerializerFactory();
        endpoint.AddSerializer(json);
        endpoint.AddDeserializer(json, isDefault: true);
        // Refused answers go straight to the error queue; anything else (the database briefly down) is retried.
        endpoint.UseMessageRetry(retry =>
        {
            retry.Ignore<AnswerRejectedException>();
            retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });
        endpoint.ConfigureConsumer<PartnerReplyConsumer>(context);
    }
}
