namespace Pathway.Activities.Partners;

/// <summary>
/// Every RabbitMQ name Pathway uses, in one place for the engine, the provisioner and the tests. A partner
/// reads its tasks from its queue (fed by a fanout exchange of the same name) and answers through its own
/// answer exchange, bound to <see cref="AnswersQueue"/>: the exchange a message came through says who sent it.
/// See docs/broker.md.
/// </summary>
public static class BrokerNames
{
    /// <summary>The queue the engine consumes every partner's answers from.</summary>
    public const string AnswersQueue = "pathway.answers";

    /// <summary>Where answers the engine could not handle are moved (MassTransit's <c>_error</c> convention).</summary>
    public const string AnswersErrorQueue = "pathway.answers_error";

    /// <summary>Prefix of every partner task queue; no other Pathway name starts with it.</summary>
    public const string PartnerQueuePrefix = "pathway.partner.";

    /// <summary>Prefix of the partners' answer exchanges.</summary>
    public const string AnswersExchangePrefix = AnswersQueue + ".";

    /// <summary>The only exchange the partner may publish to; its name identifies the partner to the engine.</summary>
    public static string AnswersExchangeOf(string partnerId) => AnswersExchangePrefix + partnerId;

    /// <summary>The partner's task queue (and the task exchange of the same name) unless the registry says otherwise.</summary>
    public static string DefaultQueueOf(string partnerId) => PartnerQueuePrefix + partnerId;

    /// <summary>The broker user a partner connects as.</summary>
    public static string UserOf(string partnerId) => partnerId;

    /// <summary>The partner whose answer exchange this is; null for any other exchange.</summary>
    public static string? PartnerOfAnswersExchange(string exchange) =>
        exchange.StartsWith(AnswersExchangePrefix, StringComparison.Ordinal) && exchange.Length > AnswersExchangePrefix.Length
            ? exchange[AnswersExchangePrefix.Length..]
            : null;
}
