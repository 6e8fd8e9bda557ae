using Pathway.Activities.Wording;
using Pathway.Host.Files;
using Pathway.Workflows.Persistence;
using Reason = Pathway.Activities.Wording.EscalationReason;

namespace Pathway.Host.Escalations;

/// <summary>
/// Why an escalation was raised, in French, rendered when it is read: the catalogue's phrase
/// (<see cref="Reason"/>, the same one the activities build for the coordination's message) from the row's cause
/// code and level and the words of the file's definition version (the late task's title and legal basis, or the
/// motif an Escalate activity gives), so that a corrected wording reaches past files too.
/// </summary>
internal static class EscalationReason
{
    public static string Of(EscalationRow escalation, TaskRow? about, DefinitionLabels labels) =>
        French.Render(Reason.Of(escalation.Cause, escalation.Level,
            title: about is null ? null : labels.TaskTitle(about.ActivityId),
            legalBasis: about?.LegalBasis,
            motif: about is null ? labels.EscalateReason(escalation.ActivityId) : null));
}
