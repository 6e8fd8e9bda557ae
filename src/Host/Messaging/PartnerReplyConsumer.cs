using System.Text.Json.Nodes;
using MassTransit;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Host.Answering;

namespace Pathway.Host.Messaging;

/// <summary>Any JSON object: the consumer reads the body itself (<see cref="PartnerReplyReader"/>), so that every
/// refusal carries Pathway's own reason.</summary>
public sealed class PartnerMessage;

/// <summary>
/// Applies partners' answers and events to files, once each: the stimulus id is the AMQP message id, so a
/// redelivered message is a no-op (the inbox). Before anything is applied the message is checked — the sender is a
/// partner of the registry (known from the exchange it came through, never from the body), the message is JSON of
/// at most 64 KiB and a well-formed answer or event (<see cref="PartnerReplyReader"/>) — then the one guard every
/// channel goes through (<see cref="AnswerGuard"/>) decides whether it may be applied, and applies it. A message that fails is not applied, leaves the file untouched and goes to the error
/// queue with the reason (<see cref="AnswerRejectedException"/>). Any other failure is Pathway's, not the answer's:
/// it is rethrown and retried until the answer is applied (<see cref="MessagingServices"/>).
/// </summary>
internal sealed class PartnerReplyConsumer(AnswerGuard guard, PartnerRegistry partners, ILogger<PartnerReplyConsumer> logger)
    : IConsumer<PartnerMessage>
{
    public async Task Consume(ConsumeContext<PartnerMessage> context)
    {
        var messageId = context.MessageId;
        Partner? partner = null;
        try
        {
            partner = PartnerIdentity.Of(context, partners) ?? throw new AnswerRejectedException(AnswerRefusals.NotAPartner, "the sender is not a partner of the registry");
            if (messageId is null) throw new AnswerRejectedException(AnswerRefusals.MessageId, "the message-id is missing or is not a UUID");
            var (reply, taskId) = PartnerReplyReader.Read(ReceivedMessage.ContentTypeOf(context), context.ReceiveContext.Body.GetBytes());
            var stimulusId = "answer:" + messageId;
            var sender = AnswerSender.Of(partner);
            var task = await guard.TargetAsync(sender, taskId, context.CancellationToken);
            var outcome = reply.Event is { } name
                ? await guard.DeclareAsync(sender, task, stimulusId, name, reply.Data, context.CancellationToken)
                : await guard.AnswerAsync(sender, task, stimulusId, new JsonObject
                {
                    ["answer"] = reply.Answer, ["outcome"] = reply.Outcome, ["reason"] = reply.Reason, ["data"] = reply.Data,
                }, context.CancellationToken);
            if (outcome is null)
            {
                // The inbox: a repeat of a message already applied (even one that closed its task) is dropped.
                logger.LogInformation("Message {MessageId} from {Partner} was already applied.", messageId, partner.Id);
                return;
            }

            logger.LogInformation("Message {MessageId} from {Partner} on task {TaskId} of file {FileId}: {Disposition}.",
                messageId, partner.Id, task.Id, task.FileId, outcome.Disposition);
        }
        catch (AnswerRejectedException rejected)
        {
            // Rethrown: MassTransit moves the message to the error queue, with this reason in its fault headers.
            logger.LogWarning("Message {MessageId} refused: {Reason}", ReceivedMessage.IdOf(context), rejected.Message);
            throw;
        }
        catch (Exception failure) when (!context.CancellationToken.IsCancellationRequested)
        {
            // Not the answer's fault: rethrown to be retried, never refused (MessagingServices.ConfigureAnswers).
            // Logged once per delivery, not at every try; MassTransit logs the exception when a delivery gives up.
            if (context.GetRetryAttempt() > 0) throw;
            if (TransientFaults.Includes(failure))
                logger.LogWarning("Message {MessageId} from {Partner} not applied yet: {Failure}; retried until it is.",
                    ReceivedMessage.IdOf(context), partner?.Id, TransientFaults.Describe(failure));
            else
                logger.LogError("Message {MessageId} from {Partner} not applied: unexpected {Failure}; it stays in the queue and is retried.",
                    ReceivedMessage.IdOf(context), partner?.Id, TransientFaults.Describe(failure));
            throw;
        }
    }
}

/// <summary>Who sent a message: the one place that decides it.</summary>
internal static class PartnerIdentity
{
    /// <summary>Header naming the sender on the in-memory bus, where only code inside the host can send.</summary>
    public const string InMemoryHeader = "Pathway-Partner";

    /// <summary>
    /// On RabbitMQ, the answer exchange the message was published to: a partner's broker user may write to its own
    /// answer exchange only (docs/broker.md), so the exchange names the sender whatever the body says.
    /// </summary>
    public static Partner? Of(ConsumeContext context, PartnerRegistry partners)
    {
        if (context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit))
            return BrokerNames.PartnerOfAnswersExchange(rabbit.Exchange) is { } sender ? partners.Find(sender) : null;

        return context.Headers.Get<string>(InMemoryHeader) is { } id ? partners.Find(id) : null;
    }
}

/// <summary>What the broker carried besides the body, as received.</summary>
internal static class ReceivedMessage
{
    /// <summary>The AMQP <c>content_type</c>, null when the partner set none.</summary>
    public static string? ContentTypeOf(ConsumeContext context) =>
        context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit)
            ? rabbit.Properties.ContentType
            : context.ReceiveContext.ContentType?.ToString();

    /// <summary>The message-id for logs, as received: a partner names its message by it, even when it is not a UUID.</summary>
    public static string IdOf(ConsumeContext context) =>
        Describe(context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit)
            ? rabbit.Properties.MessageId
            : context.MessageId?.ToString());

    /// <summary>
    /// A UUID as it is; a mistyped one (30 to 40 hexadecimal digits, dashes and braces) quoted, since it cannot say
    /// anything of a person; anything else only by its length: a partner may have put a name or a number there.
    /// </summary>
    internal static string Describe(string? messageId) => messageId switch
    {
        null or "" => "(none)",
        _ when Guid.TryParse(messageId, out var id) => id.ToString(),
        { Length: >= 30 and <= 40 } when messageId.All(c => char.IsAsciiHexDigit(c) || c is '-' or '{' or '}') => $"'{messageId}' (not a UUID)",
        _ => $"({messageId.Length} characters, not a UUID, not shown)",
    };
}
