using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Messaging;

/// <summary>Any JSON object: the consumer reads the body itself (<see cref="PartnerReplyReader"/>), so that every
/// refusal carries Pathway's own reason.</summary>
public sealed class PartnerMessage;

/// <summary>
/// Applies partners' answers and events to files, once each: the stimulus id is the AMQP message id, so a
/// redelivered message is a no-op (the inbox). Before anything is applied the message is checked — the sender is a
/// partner of the registry (known from the exchange it came through, never from the body), the task exists, is
/// addressed to that partner and is still open — and the engine checks the answer against the task. A message
/// that fails is not applied, leaves the file untouched and goes to the error queue with the reason.
/// </summary>
internal sealed class PartnerReplyConsumer(
    CareFileRunner runner, PathwayDatabase database, PartnerRegistry partners, ILogger<PartnerReplyConsumer> logger)
    : IConsumer<PartnerMessage>
{
    public async Task Consume(ConsumeContext<PartnerMessage> context)
    {
        var messageId = context.MessageId;
        try
        {
            var partner = PartnerIdentity.Of(context, partners) ?? throw new AnswerRejectedException("the sender is not a partner of the registry");
            if (messageId is null) throw new AnswerRejectedException("the message-id is missing or is not a UUID");
            var (reply, taskId) = PartnerReplyReader.Read(context.ReceiveContext.Body.GetBytes());
            var stimulusId = "answer:" + messageId;
            BookmarkRow task;
            await using (var db = database.CreateContext())
            {
                task = await TaskOfAsync(db, taskId, partner, context.CancellationToken);
                if (await db.AppliedStimuli.AnyAsync(a => a.FileId == task.FileId && a.StimulusId == stimulusId, context.CancellationToken))
                {
                    // The inbox: a repeat of a message already applied (even one that closed its task) is dropped.
                    logger.LogInformation("Message {MessageId} from {Partner} was already applied.", messageId, partner.Id);
                    return;
                }

                if (reply.Event is { } waited) await EnsureAwaitedAsync(db, task.FileId, waited, context.CancellationToken);
                else if (task.ClosedAt is not null) throw new AnswerRejectedException("the task is already closed");
                else if (task.Purpose == Pathway.Activities.Tasks.EscalationBookmarks.Purpose) EnsureKnownPartners(reply.Data, partners);
            }

            Stimulus stimulus = reply.Event is { } name
                ? new RaiseEvent(stimulusId, partner.Id, name, task.FileId, reply.Data)
                : new ResumeBookmark(stimulusId, partner.Id, task.Id, new JsonObject
                {
                    ["answer"] = reply.Answer, ["outcome"] = reply.Outcome, ["reason"] = reply.Reason, ["data"] = reply.Data,
                });
            StepOutcome outcome;
            try
            {
                outcome = await runner.ApplyAsync(task.FileId, stimulus, context.CancellationToken);
            }
            catch (StimulusRejectedException rejected)
            {
                throw new AnswerRejectedException(rejected.Message);
            }

            logger.LogInformation("Message {MessageId} from {Partner} on task {TaskId} of file {FileId}: {Disposition}.",
                messageId, partner.Id, task.Id, task.FileId, outcome.Disposition);
        }
        catch (AnswerRejectedException rejected)
        {
            // Rethrown: MassTransit moves the message to the error queue, with this reason in its fault headers.
            logger.LogWarning("Message {MessageId} refused: {Reason}", messageId, rejected.Message);
            throw;
        }
    }

    /// <summary>The partner's task, closed ones included, so that a late answer is told from an unknown task.</summary>
    private static async Task<BookmarkRow> TaskOfAsync(PathwayDbContext db, Guid taskId, Partner partner, CancellationToken cancellationToken)
    {
        var task = await db.Bookmarks.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(b => b.Id == taskId && b.Addressee != null, cancellationToken);
        if (task is null) throw new AnswerRejectedException("unknown task");
        if (task.Addressee != partner.Id && task.Addressee != "role:" + partner.Role)
            throw new AnswerRejectedException("the task is addressed to another partner");
        return task;
    }

    /// <summary>
    /// An escalation answer that reassigns a task or convenes partners names them: the engine does not know the
    /// registry, so an unknown id is refused here, as the console's API refuses it, rather than leave a message
    /// with nowhere to go in the outbox.
    /// </summary>
    private static void EnsureKnownPartners(JsonObject? data, PartnerRegistry partners)
    {
        var named = new List<JsonNode?> { data?["partner"] };
        if (data?["partners"] is JsonArray list) named.AddRange(list);
        foreach (var id in named.OfType<JsonValue>())
        {
            if (!id.TryGetValue<string>(out var text)) throw new AnswerRejectedException("a partner id must be a string");
            if (partners.Find(text) is null) throw new AnswerRejectedException($"unknown partner '{text}'");
        }
    }

    /// <summary>
    /// An event is declared about the file of a task the partner received (open or closed: the service running a
    /// measure has answered its task long before a runaway). It must be awaited by the file, or it would be
    /// recorded as ignored and the sender never told.
    /// </summary>
    private static async Task EnsureAwaitedAsync(PathwayDbContext db, string fileId, string eventName, CancellationToken cancellationToken)
    {
        if (!await db.Bookmarks.AnyAsync(b => b.FileId == fileId && b.EventName == eventName, cancellationToken))
            throw new AnswerRejectedException($"the file does not wait for event '{eventName}' now");
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
