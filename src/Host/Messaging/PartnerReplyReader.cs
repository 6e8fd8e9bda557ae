using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Host.Answering;

namespace Pathway.Host.Messaging;

/// <summary>
/// Reads a partner's message strictly, from its content type and its bytes: anything that is not exactly a
/// documented answer or event is refused with a reason that names the field, never its value (values may be
/// personal data).
/// </summary>
internal static class PartnerReplyReader
{
    /// <summary>The largest body read, as for HTTP requests: an answer is a few hundred bytes; more is a mistake or worse.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly HashSet<string> Known = ["taskId", "answer", "outcome", "reason", "event", "data"];

    /// <param name="contentType">The AMQP <c>content_type</c>; null or empty is read as JSON (docs/partners.md).</param>
    /// <exception cref="AnswerRejectedException">The message is not a well-formed answer or event.</exception>
    public static (PartnerReply Reply, Guid TaskId) Read(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (!IsJson(contentType)) throw new AnswerRejectedException(AnswerRefusals.ContentType, "the content type must be application/json (UTF-8)");
        if (body.Length > MaxBytes) throw new AnswerRejectedException(AnswerRefusals.TooLarge, "the message is larger than 64 KiB");

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span.IsEmpty ? "null"u8 : body.Span);
        }
        catch (JsonException)
        {
            throw new AnswerRejectedException(AnswerRefusals.Malformed, "malformed JSON");
        }

        if (root is not JsonObject message) throw new AnswerRejectedException(AnswerRefusals.Malformed, "the message is not a JSON object");
        if (message.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            throw new AnswerRejectedException(AnswerRefusals.Malformed, $"unknown field '{unknown}'");

        var taskText = Text(message, "taskId") ?? throw new AnswerRejectedException(AnswerRefusals.Malformed, "missing field 'taskId'");
        if (!Guid.TryParse(taskText, out var taskId)) throw new AnswerRejectedException(AnswerRefusals.Malformed, "field 'taskId' is not a task id");
        var answer = Text(message, "answer");
        var @event = Text(message, "event");
        if ((answer is null) == (@event is null))
            throw new AnswerRejectedException(AnswerRefusals.Malformed, "a message carries exactly one of 'answer' and 'event'");
        if (@event is { Length: 0 }) throw new AnswerRejectedException(AnswerRefusals.Malformed, "field 'event' is empty");
        if (message["data"] is not null and not JsonObject) throw new AnswerRejectedException(AnswerRefusals.Malformed, "field 'data' must be an object");

        var reply = new PartnerReply
        {
            TaskId = taskText, Answer = answer, Event = @event, Outcome = Text(message, "outcome"), Reason = Text(message, "reason"),
            Data = message["data"]?.DeepClone().AsObject(),
        };
        if (reply.Answer is not null && AnswerShape.ProblemOf(reply.Answer, reply.Outcome, reply.Reason) is { } problem)
            throw new AnswerRejectedException(AnswerRefusals.Malformed, problem);
        return (reply, taskId);
    }

    /// <summary><c>application/json</c>, with no charset or UTF-8 (the only one JSON allows between systems, RFC 8259).</summary>
    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return true;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        return string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
               && (media.CharSet is null || string.Equals(media.CharSet.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A string field; null when absent or null; refused when of another type.</summary>
    private static string? Text(JsonObject message, string field) => message[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new AnswerRejectedException(AnswerRefusals.Malformed, $"field '{field}' must be a string"),
    };
}
