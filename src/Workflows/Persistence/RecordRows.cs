namespace Pathway.Workflows.Persistence;

// The tasks and escalations as the host queries them: plain columns, written by the step that changed them from the
// activities' typed records (RecordApplier), in the step's transaction. They carry codes, ids, roles and times, never
// the file's data: nothing here is encrypted, and every column may be indexed.

/// <summary>A partner's task (or a role's): one row per task id, the id the partner answers.</summary>
public sealed class TaskRow
{
    public required Guid Id { get; init; }

    public required string FileId { get; init; }

    /// <summary>The activity that assigned it (a reassigned task is a new task of the same activity).</summary>
    public required string ActivityId { get; init; }

    /// <summary>Who holds it: a partner id, or an <c>Addressee</c> role (<c>role:coordination</c>).</summary>
    public required string Assignee { get; init; }

    /// <summary>What kind of task it is (today <c>task</c>: a partner's task of <c>PartnerTask</c>).</summary>
    public required string Purpose { get; init; }

    /// <summary><see cref="TaskStatuses"/>: assigned, acknowledged, then completed, declined or withdrawn.</summary>
    public required string Status { get; set; }

    /// <summary>The outcome a completed task was answered with (a code of the definition).</summary>
    public string? Outcome { get; set; }

    public required DateTime AssignedAt { get; init; }

    /// <summary>When the acknowledgement is due (the practice deadline), if the task asks for one.</summary>
    public DateTime? AcknowledgeBy { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    /// <summary>When the task is due: the deadline, moved when the coordinator extends it or a new version recounts it.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>The text the deadline rests on (e.g. « CASF L226-3 »), from the definition.</summary>
    public string? LegalBasis { get; init; }

    /// <summary>How its days are counted: <c>calendar</c>, <c>workingDays</c> (jours ouvrés) or <c>workingDaysAndSaturdays</c> (jours ouvrables).</summary>
    public string? Counting { get; init; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Who closed it: the partner that answered, or the actor of the step that withdrew it.</summary>
    public string? ClosedBy { get; set; }
}

public static class TaskStatuses
{
    public const string Assigned = "assigned";
    public const string Acknowledged = "acknowledged";
    public const string Completed = "completed";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";

    public static readonly string[] Open = [Assigned, Acknowledged];
}

/// <summary>An escalation: level 1 to the coordination, level 2 (a new row, risen from the level-1 one) to the inspection.</summary>
public sealed class EscalationRow
{
    public required Guid Id { get; init; }

    public required string FileId { get; init; }

    public required string ActivityId { get; init; }

    public required int Level { get; init; }

    /// <summary>Who acts on it: an <c>Addressee</c> role (<c>role:coordination</c>, <c>role:inspection</c>).</summary>
    public required string Role { get; init; }

    /// <summary>Why it was raised: a code of <c>EscalationCauses</c> (no-acknowledgement, deadline-missed, definition).</summary>
    public required string Cause { get; init; }

    /// <summary>The late task, for an escalation about one.</summary>
    public Guid? AboutTaskId { get; init; }

    /// <summary>For level 2, the level-1 escalation nobody acted on in time.</summary>
    public Guid? FromEscalationId { get; init; }

    public required DateTime RaisedAt { get; init; }

    /// <summary>When it rises to level 2 unless someone acts; cleared when someone acts or when it has risen.</summary>
    public DateTime? RisesAt { get; set; }

    /// <summary>The last action taken on it while open (<c>EscalationActions</c>: acknowledged, reminded, convened); set
    /// means someone is on it. (<see cref="ActedAt"/> may be null for an action taken before these rows existed.)</summary>
    public string? LastAction { get; set; }

    public DateTime? ActedAt { get; set; }

    public string? ActedBy { get; set; }

    /// <summary>How it ended (<c>EscalationClosures</c>); null while open, and for escalations closed before these
    /// rows existed when their journal does not say.</summary>
    public string? Closure { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }
}

/// <summary>
/// Present while tasks and escalations opened before steps kept their rows may lack them: the migration that creates the
/// tables inserts it, <see cref="RecordBackfill"/> deletes it once every such row is written, and it is locked by whoever
/// backfills, so that two hosts starting together take turns and a start-up after that reads one row. One row at most.
/// </summary>
public sealed class PendingRecordBackfillRow
{
    /// <summary>Always 1 (a CHECK constraint).</summary>
    public int Id { get; init; } = 1;

    public required DateTime Since { get; init; }
}
