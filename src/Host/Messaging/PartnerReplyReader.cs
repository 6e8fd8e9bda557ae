using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;

namespace Pathway.Host.Messaging;

/// <summary>
/// Reads a partner's message strictly, from its bytes: anything that is not exactly a documented answer or event
/// is refused with a reason that names the field, never its value (values may be personal data).
/// </summary>
internal static class PartnerReplyReader
{
    private static readonly HashSet<string> Known = ["taskId", "answer", "outcome", "reason", "event", "data"];

    /// <exception cref="AnswerRejectedException">The message is not a well-formed answer or event.</exception>
    public static (PartnerReply Reply, Guid TaskId) Read(ReadOnlyMemory<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span.IsEmpty ? "null"u8 : body.Span);
        }
        catch (JsonException)
        {
            throw new AnswerRejectedException("malformed JSON");
        }

        if (root is not JsonObject message) throw new AnswerRejectedException("the message is not a JSON object");
        if (message.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            throw new AnswerRejectedException($"unknown field '{unknown}'");

        var taskText = Text(message, "taskId") ?? throw new AnswerRejectedException("missing field 'taskId'");
        if (!Guid.TryParse(taskText, out var taskId)) throw new AnswerRejectedException("field 'taskId' is not a task id");
        var answer = Text(message, "answer");
        var @event = Text(message, "event");
        if ((answer is null) == (@event is null))
            throw new AnswerRejectedException("a message carries exactly one of 'answer' and 'event'");
        if (answer is not null and not (Answers.Accepted or Answers.Completed or Answers.Declined))
            throw new AnswerRejectedException("field 'answer' must be accepted, completed or declined");
        if (@event is { Length: 0 }) throw new AnswerRejectedException("field 'event' is empty");
        if (message["data"] is not null and not JsonObject) throw new AnswerRejectedException("field 'data' must be an object");

        var reply = new PartnerReply
        {
            TaskId = taskText, Answer = answer, Event = @event, Outcome = Text(message, "outcome"), Reason = Text(message, "reason"),
            Data = message["data"]?.DeepClone().AsObject(),
        };
        if (reply.Answer == Answers.Completed && reply.Outcome is null) throw new AnswerRejectedException("missing field 'outcome'");
        if (reply.Answer == Answers.Declined && string.IsNullOrWhiteSpace(reply.Reason)) throw new AnswerRejectedException("missing field 'reason'");
        return (reply, taskId);
    }

    /// <summary>A string field; null when absent or null; refused when of another type.</summary>
    private static string? Text(JsonObject message, string field) => message[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new AnswerRejectedException($"field '{field}' must be a string"),
    };
}

/// <summary>A partner's message that is not applied; it goes to the error queue with <see cref="Exception.Message"/>
/// as its reason. The message never quotes the content of the partner's message.</summary>
public sealed class AnswerRejectedException(string reason) : Exception(reason);
