using System.Text.Json.Nodes;

namespace Pathway.Activities.Contracts;

// The wire contract with partners: plain JSON documents, camelCase, one per AMQP message, documented in
// docs/partners.md and docs/asyncapi.yaml. Partners are not all .NET shops: nothing here may depend on .NET
// (no type names, no envelope). Times are ISO 8601 instants in UTC; French texts are ready to show.
// Every message names its kind in "type"; the AMQP message-id is the message's unique id, the same on every
// retry of the same message, so a partner drops repeats by it.

/// <summary>The kinds of messages, as written in their <c>type</c> field.</summary>
public static class MessageTypes
{
    public const string TaskAssigned = "task.assigned";
    public const string TaskReminder = "task.reminder";
    public const string TaskWithdrawn = "task.withdrawn";
    public const string Information = "information";
    public const string EscalationRaised = "escalation.raised";
    public const string EscalationClosed = "escalation.closed";
    public const string MeetingConvened = "meeting.convened";

    /// <summary>The .NET type of each message the engine sends, by <c>type</c>.</summary>
    public static IReadOnlyDictionary<string, Type> Outgoing { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [TaskAssigned] = typeof(TaskAssignedMessage),
        [TaskReminder] = typeof(TaskReminderMessage),
        [TaskWithdrawn] = typeof(TaskWithdrawnMessage),
        [Information] = typeof(InformationMessage),
        [EscalationRaised] = typeof(EscalationRaisedMessage),
        [EscalationClosed] = typeof(EscalationClosedMessage),
        [MeetingConvened] = typeof(MeetingConvenedMessage),
    };
}

/// <summary>A task for a partner: what is asked, by when and on what legal basis, and the data it needs.
/// The partner answers with <see cref="PartnerReply"/> naming <see cref="TaskId"/>.</summary>
public sealed record TaskAssignedMessage
{
    public string Type { get; init; } = MessageTypes.TaskAssigned;

    public required string TaskId { get; init; }

    /// <summary>The file's reference, the same for every task of the file.</summary>
    public required string FileRef { get; init; }

    public required string Title { get; init; }

    public string? Instructions { get; init; }

    /// <summary>The stage of the pathway the task belongs to (its id in the definition).</summary>
    public string? Stage { get; init; }

    /// <summary>The outcomes the partner may answer with when it completes the task.</summary>
    public required IReadOnlyList<string> Outcomes { get; init; }

    public string? AcknowledgeBy { get; init; }

    public string? DueAt { get; init; }

    /// <summary>The due date in words, in French (e.g. « jusqu'au lundi 20 juillet 2026 inclus »).</summary>
    public string? DueText { get; init; }

    public string? LegalBasis { get; init; }

    /// <summary>The file's data the task declares, and nothing else (CASF L226-2-2: strictly necessary information).</summary>
    public required JsonObject Data { get; init; }

    public required string AssignedAt { get; init; }
}

/// <summary>The task is still open: its deadline is near, has moved (an extension), or the coordinator asks for it.</summary>
public sealed record TaskReminderMessage
{
    public string Type { get; init; } = MessageTypes.TaskReminder;

    public required string TaskId { get; init; }

    public required string FileRef { get; init; }

    public required string Title { get; init; }

    public string? DueAt { get; init; }

    public string? DueText { get; init; }

    /// <summary>The coordinator's words, when the coordinator sent the reminder.</summary>
    public string? Message { get; init; }
}

/// <summary>The task is no longer asked (the pathway went another way, the file was closed, or the coordinator gave it to
/// another partner): do not answer it.</summary>
public sealed record TaskWithdrawnMessage
{
    public string Type { get; init; } = MessageTypes.TaskWithdrawn;

    public required string TaskId { get; init; }

    public required string FileRef { get; init; }

    public required string Reason { get; init; }
}

/// <summary>One-way information about a file; no answer expected.</summary>
public sealed record InformationMessage
{
    public string Type { get; init; } = MessageTypes.Information;

    public required string FileRef { get; init; }

    public required string Subject { get; init; }

    public string? Text { get; init; }

    public string? Stage { get; init; }

    public required JsonObject Data { get; init; }

    public required string SentAt { get; init; }
}

/// <summary>
/// A file has stalled: sent to the coordination (level 1) and, if nobody handles it in time, to the ASE
/// inspection (level 2). It is itself a task, answered with <see cref="EscalationOutcomes"/>: <c>accepted</c>
/// acknowledges it (alone, or reminding the late partner, or convening partners), <c>completed</c> closes it
/// (resolved, extended with more time for the late partner, or reassigned to another partner).
/// </summary>
public sealed record EscalationRaisedMessage
{
    public string Type { get; init; } = MessageTypes.EscalationRaised;

    public required string TaskId { get; init; }

    public required string FileRef { get; init; }

    /// <summary>1: coordination; 2: ASE inspection.</summary>
    public required int Level { get; init; }

    public required string Reason { get; init; }

    public required string RaisedAt { get; init; }

    /// <summary>When it rises to the next level if nobody handles it.</summary>
    public string? RisesAt { get; init; }

    /// <summary>The stalled task, when the escalation is about one.</summary>
    public EscalatedTask? About { get; init; }
}

public sealed record EscalatedTask
{
    public required string TaskId { get; init; }

    public required string Partner { get; init; }

    public required string Title { get; init; }

    public string? DueAt { get; init; }

    public string? LegalBasis { get; init; }
}

/// <summary>The escalation needs nothing more (the partner answered, or it was resolved).</summary>
public sealed record EscalationClosedMessage
{
    public string Type { get; init; } = MessageTypes.EscalationClosed;

    public required string TaskId { get; init; }

    public required string FileRef { get; init; }

    public required string Reason { get; init; }
}

/// <summary>
/// A « réunion flash »: the coordinator (or the inspector) convenes partners about a stalled file. Every partner
/// convened gets the same message; nothing in it names another partner or the minor.
/// </summary>
public sealed record MeetingConvenedMessage
{
    public string Type { get; init; } = MessageTypes.MeetingConvened;

    /// <summary>The meeting, the same in the message of every partner convened.</summary>
    public required string MeetingId { get; init; }

    public required string FileRef { get; init; }

    /// <summary>When the meeting starts.</summary>
    public required string At { get; init; }

    public required string Place { get; init; }

    public required string Agenda { get; init; }

    /// <summary>The role of the registry that convenes: <c>coordination</c> or <c>inspection</c>.</summary>
    public required string ConvenedBy { get; init; }

    public required string ConvenedAt { get; init; }
}

/// <summary>
/// The outcomes of an answer to an escalation. With <c>accepted</c> (the escalation stays open, acknowledged):
/// none, <see cref="Reminded"/> or <see cref="Convened"/>. With <c>completed</c> (it is closed): <see cref="Resolved"/>,
/// <see cref="Extended"/> or <see cref="Reassigned"/>.
/// </summary>
public static class EscalationOutcomes
{
    /// <summary>The late partner is reminded now; optional <c>data.message</c>.</summary>
    public const string Reminded = "reminded";

    /// <summary>Partners are convened: <c>data.partners</c>, <c>data.at</c>, <c>data.place</c>, <c>data.agenda</c>.</summary>
    public const string Convened = "convened";

    public const string Resolved = "resolved";

    /// <summary>The late partner gets more time: <c>data.extension</c> and a reason.</summary>
    public const string Extended = "extended";

    /// <summary>The task goes to another partner: <c>data.partner</c> and a reason.</summary>
    public const string Reassigned = "reassigned";
}

/// <summary>
/// What a partner sends on its answer exchange: an answer to a task (<see cref="Answer"/>), or an event about the
/// file of one of its open tasks (<see cref="Event"/>, e.g. a runaway declared). Exactly one of the two.
/// Who sent it is known from the exchange it came through, never from the body.
/// </summary>
public sealed record PartnerReply
{
    public string? TaskId { get; init; }

    /// <summary><c>accepted</c>, <c>completed</c> or <c>declined</c>.</summary>
    public string? Answer { get; init; }

    /// <summary>With <c>completed</c>: one of the task's outcomes; for an escalation, see <see cref="EscalationOutcomes"/>.</summary>
    public string? Outcome { get; init; }

    /// <summary>With <c>declined</c> (required), an extension or a reassignment (required).</summary>
    public string? Reason { get; init; }

    /// <summary>An event name, e.g. <c>fugue-declaree</c>.</summary>
    public string? Event { get; init; }

    public JsonObject? Data { get; init; }
}

public static class Answers
{
    public const string Accepted = "accepted";
    public const string Completed = "completed";
    public const string Declined = "declined";
}

/// <summary>
/// The shape an answer to a task must have, decided here only: the host's reader refuses a message with this reason
/// before anything is applied (the documented reasons of docs/partners.md), and <c>PartnerTask</c> refuses with the
/// same one an answer that reached it another way. Whether the outcome is one of the task's is the task's to say.
/// </summary>
public static class AnswerShape
{
    /// <summary>Why <paramref name="answer"/> with these fields is not an answer; null when it is one.</summary>
    public static string? ProblemOf(string? answer, string? outcome, string? reason) => answer switch
    {
        Answers.Accepted => null,
        Answers.Completed => outcome is null ? "missing field 'outcome'" : null,
        Answers.Declined => string.IsNullOrWhiteSpace(reason) ? "missing field 'reason'" : null,
        _ => "field 'answer' must be accepted, completed or declined",
    };
}
