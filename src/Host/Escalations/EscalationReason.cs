using Pathway.Host.Files;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Escalations;

/// <summary>
/// Why an escalation was raised, in French, rendered when it is read from its cause code and the words of the file's
/// definition version (the late task's title and legal basis, or the reason an Escalate activity gives), so that a
/// corrected wording reaches past files too. The same words as the message the coordination receives.
/// </summary>
internal static class EscalationReason
{
    public static string Of(EscalationRow escalation, TaskRow? about, DefinitionLabels labels)
    {
        var title = about is null ? null : labels.TaskTitle(about.ActivityId);
        return escalation.Cause switch
        {
            EscalationCauses.NoAcknowledgement => $"Pas d'accusé de réception de la demande « {title} »",
            EscalationCauses.DeadlineMissed => $"Délai dépassé pour la demande « {title} »" + (about?.LegalBasis is { } basis ? $" ({basis})" : ""),
            _ => labels.EscalateReason(escalation.ActivityId) ?? "Alerte du parcours",
        };
    }
}
