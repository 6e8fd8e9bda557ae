using NodaTime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// A fact an activity states about its tasks and escalations, for the host to query without reading bookmarks:
/// the interpreter collects the records of a step into <see cref="Runtime.StepResult.Records"/>, and the runner
/// applies them to the <c>tasks</c> and <c>escalations</c> tables in the step's transaction, as Zeebe applies
/// records to its state. Records hold codes, ids, roles and times only, never the file's data.
/// </summary>
public abstract record ActivityRecord
{
    /// <summary>The activity that stated it; set by the interpreter.</summary>
    public string ActivityId { get; init; } = "";

    /// <summary>When it happened (the step's time); set by the interpreter.</summary>
    public Instant At { get; init; }

    /// <summary>Who caused the step (a partner id, a role, a console user's id); set by the interpreter.</summary>
    public string Actor { get; init; } = "";
}

/// <summary>A record about a partner's task, whose id is the one the partner answers.</summary>
public abstract record TaskRecord(Guid TaskId) : ActivityRecord;

/// <summary>A task sent to a partner (or given to another one, as a new task). <paramref name="Counting"/> is the
/// deadline's day counting (calendar, working) and <paramref name="LegalBasis"/> the text it rests on.</summary>
public sealed record TaskAssigned(Guid TaskId, string Partner, string Purpose, Instant? AcknowledgeBy, Instant? DueAt,
    string? LegalBasis, string? Counting) : TaskRecord(TaskId);

/// <summary>The partner acknowledged the task; it stays open.</summary>
public sealed record TaskAcknowledged(Guid TaskId) : TaskRecord(TaskId);

/// <summary>The partner completed the task with one of its outcomes.</summary>
public sealed record TaskCompleted(Guid TaskId, string Outcome) : TaskRecord(TaskId);

/// <summary>The partner declined the task.</summary>
public sealed record TaskDeclined(Guid TaskId) : TaskRecord(TaskId);

/// <summary>The task was taken back (reassigned, or the file went on without it).</summary>
public sealed record TaskWithdrawn(Guid TaskId) : TaskRecord(TaskId);

/// <summary>The task's due date (the coordinator gave more time; a new version of the pathway counts it otherwise), or
/// its acknowledgement deadline, moved; null for the one that did not.</summary>
public sealed record TaskDeadlineMoved(Guid TaskId, Instant? DueAt, Instant? AcknowledgeBy = null) : TaskRecord(TaskId);

/// <summary>A record about an escalation; its id is the one its role answers (one id per level).</summary>
public abstract record EscalationRecord(Guid EscalationId) : ActivityRecord;

/// <summary>A level-1 escalation to <paramref name="Role"/>, about a partner's task or none; it rises at
/// <paramref name="RisesAt"/> unless someone acts. <paramref name="Cause"/> is a code of <see cref="EscalationCauses"/>.</summary>
public sealed record EscalationRaised(Guid EscalationId, string Role, string Cause, Guid? AboutTaskId, Instant? RisesAt)
    : EscalationRecord(EscalationId);

/// <summary>Nobody acted on <paramref name="FromEscalationId"/> in time: level 2, a new escalation to <paramref name="Role"/>.</summary>
public sealed record EscalationRisen(Guid EscalationId, Guid FromEscalationId, string Role, string Cause, Guid? AboutTaskId)
    : EscalationRecord(EscalationId);

/// <summary>Someone acted on the escalation (<paramref name="Action"/>: acknowledged, reminded, convened); it stays open and no longer rises.</summary>
public sealed record EscalationActedOn(Guid EscalationId, string Action) : EscalationRecord(EscalationId);

/// <summary>The escalation is over (<paramref name="Closure"/>: resolved, extended, reassigned, answered, replaced, withdrawn).</summary>
public sealed record EscalationClosed(Guid EscalationId, string Closure) : EscalationRecord(EscalationId);

/// <summary>Why an escalation was raised.</summary>
public static class EscalationCauses
{
    public const string NoAcknowledgement = "no-acknowledgement";
    public const string DeadlineMissed = "deadline-missed";
    /// <summary>Raised by an Escalate activity of the definition.</summary>
    public const string Definition = "definition";
}

/// <summary>What was done on an open escalation (<see cref="EscalationActedOn.Action"/>).</summary>
public static class EscalationActions
{
    public const string Acknowledged = "acknowledged";
    public const string Reminded = "reminded";
    public const string Convened = "convened";
}

/// <summary>How an escalation ended (<see cref="EscalationClosed.Closure"/>).</summary>
public static class EscalationClosures
{
    public const string Resolved = "resolved";
    public const string Extended = "extended";
    public const string Reassigned = "reassigned";
    /// <summary>The partner answered the late task (completed or declined).</summary>
    public const string Answered = "answered";
    /// <summary>A missed deadline replaced the escalation for a missing acknowledgement.</summary>
    public const string Replaced = "replaced";
    /// <summary>The activity was withdrawn (the file went on, or ended).</summary>
    public const string Withdrawn = "withdrawn";
}
