using System.Globalization;
using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Wording;

/// <summary>
/// Why an escalation was raised, as a <see cref="Phrase"/>: its code is <c>escalation.</c> and the cause
/// (<see cref="EscalationCauses"/>), its parameters the late task's title and legal basis, or the definition's own
/// motif, and <c>level</c> 2 once it rose to the ASE inspection. Stored in the escalation's bookmark data under
/// <c>reason</c>; rendered by <see cref="French"/> in the coordinator's inbox and in the message to the role.
/// </summary>
public static class EscalationReason
{
    public const string Prefix = "escalation.";
    public const string NoAcknowledgementCode = Prefix + EscalationCauses.NoAcknowledgement;
    public const string DeadlineMissedCode = Prefix + EscalationCauses.DeadlineMissed;
    public const string DefinitionCode = Prefix + EscalationCauses.Definition;
    /// <summary>A reason stored as a sentence by an earlier version, carried to level 2 as it was.</summary>
    public const string StoredCode = Prefix + "stored";
    /// <summary>A rise whose level-1 reason was lost: nothing better to say than that it was not handled.</summary>
    public const string UnhandledCode = Prefix + "unhandled";

    /// <summary>The reason for an escalation of <paramref name="cause"/> at <paramref name="level"/>: the one function
    /// both the activities (when they raise it) and the host (reading the escalations' rows) build it with.</summary>
    public static Phrase Of(string cause, int level = 1, string? title = null, string? legalBasis = null, string? motif = null) =>
        Phrase.Of(Prefix + cause, ("title", title), ("legalBasis", legalBasis), ("motif", motif), ("level", level > 1 ? level.ToString(CultureInfo.InvariantCulture) : null));

    /// <summary>The reason stored in an escalation's data: a phrase, or a sentence an earlier version stored.</summary>
    public static Phrase Read(JsonNode? stored) => Phrase.FromJson(stored)
        ?? (stored is JsonValue value && value.TryGetValue<string>(out var text) ? Phrase.Of(StoredCode, ("text", text)) : Phrase.Of(UnhandledCode));

    /// <summary>The same reason, risen to <paramref name="level"/>.</summary>
    public static Phrase AtLevel(this Phrase reason, int level) => reason.With("level", level > 1 ? level.ToString(CultureInfo.InvariantCulture) : null);
}

/// <summary>Why an escalation is over, as its holder reads it in <c>escalation.closed</c> (docs/partners.md).</summary>
public static class ClosedReason
{
    private const string Prefix = "escalation-closed.";
    public const string Answered = Prefix + "answered";
    public const string Declined = Prefix + "declined";
    public const string Replaced = Prefix + "replaced";
    public const string Resolved = Prefix + "resolved";
    public const string Extended = Prefix + "extended";
    public const string Reassigned = Prefix + "reassigned";
    /// <summary>The late task is no longer wanted (the file went on without it).</summary>
    public const string TaskWithdrawn = Prefix + "task-withdrawn";
    /// <summary>An escalation of the definition is no longer wanted.</summary>
    public const string Withdrawn = Prefix + "withdrawn";
}

/// <summary>Why a partner's task was taken back, as the partner reads it in <c>task.withdrawn</c>; a reassignment
/// carries the coordinator's own words instead.</summary>
public static class WithdrawnReason
{
    public const string Obsolete = "task-withdrawn.obsolete";
    /// <summary>A ForEachPartner's deadline passed: it went on without the answers still missing.</summary>
    public const string Expired = "task-withdrawn.expired";
    /// <summary>A ForEachPartner had the number of answers it needed.</summary>
    public const string QuorumReached = "task-withdrawn.quorum-reached";
}
