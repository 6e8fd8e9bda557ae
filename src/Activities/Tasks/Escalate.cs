using NodaTime;
using Pathway.Activities.Wording;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Activities.Tasks;

/// <summary>
/// Puts the file in the coordinator's inbox (and on the coordination's queue) and waits until the coordinator
/// resolves it (meanwhile the coordinator may acknowledge it or convene partners); unresolved after <see cref="EscalateAfter"/>, it rises to the ASE inspection. For the cases a
/// process owner wants escalated explicitly, e.g. a partner that declines a task.
/// </summary>
[Activity("Escalate", DisplayName = "Alerter le coordinateur", Category = "Partenaires", Blocking = true,
    Description = "Inscrit une alerte dans la boîte du coordinateur et attend qu'il la traite ; sans traitement, l'inspecteur ASE est saisi.")]
[Outcome(Escalation.Resolved, "Traitée")]
public sealed class Escalate : Activity
{
    [Input(InputKind.Text, DisplayName = "Motif", Required = true)]
    public string Reason { get; init; } = "";

    [Input(InputKind.Duration, DisplayName = "Escalade au niveau 2 après",
        Description = "Sans action du coordinateur dans ce délai, l'inspecteur ASE est saisi.")]
    public Period? EscalateAfter { get; init; }

    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Wait(Escalation.Raise(context, EscalationCauses.Definition,
            EscalationReason.Of(EscalationCauses.Definition, motif: Reason), about: null, EscalateAfter));

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        if (resumption.Bookmark.Purpose == Escalation.RisePurpose)
            return ActivityResult.Wait(resumption.Waiting.Where(b => b != resumption.Bookmark).Select(BookmarkRequest.Again)
                .Append(Escalation.Rise(context, resumption.Bookmark, resumption.Waiting)));

        // About no task: there is nobody to remind, nothing to extend or reassign (Escalation.Read refuses them).
        switch (Escalation.Read(resumption.Payload, aboutTask: false, context.Now))
        {
            case EscalationAnswer.Acknowledge:
                return ActivityResult.Wait(Escalation.Acknowledged(context, resumption, EscalationActions.Acknowledged));
            case EscalationAnswer.Convene meeting:
                Escalation.Convene(context, resumption.Bookmark, meeting);
                return ActivityResult.Wait(Escalation.Acknowledged(context, resumption, EscalationActions.Convened));
            default:
                Escalation.Closed(context, resumption.Bookmark, EscalationClosures.Resolved);
                Escalation.Close(context, resumption.Waiting.Where(b => b != resumption.Bookmark), EscalationClosures.Resolved, ClosedReason.Resolved);
                return ActivityResult.Outcome(Escalation.Resolved);
        }
    }

    public override void Withdrawn(ActivityContext context, IReadOnlyList<Bookmark> waiting, string reason) =>
        Escalation.Close(context, waiting, EscalationClosures.Withdrawn, ClosedReason.Withdrawn);

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        if (string.IsNullOrWhiteSpace(Reason))
            yield return new InputProblem("/reason", "input.required", "The escalation needs a reason.");
    }
}
