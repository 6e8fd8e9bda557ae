using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Waiting;

/// <summary>
/// Waits for a named event about this file (e.g. <c>fugue-declaree</c>). The correlation key says which
/// file an event is for; by default the file's own id. Fields of the event's payload can be copied into variables.
/// </summary>
[Activity("WaitForEvent", DisplayName = "Attendre un événement", Category = "Attente", Blocking = true,
    Description = "Attend un événement nommé concernant ce dossier (par exemple une fugue déclarée).")]
[Outcome(Outcomes.Done, "Reçu")]
public sealed class WaitForEvent : Activity
{
    [Input(InputKind.Text, DisplayName = "Événement", Required = true)]
    public string Event { get; init; } = "";

    [Input(InputKind.Expression, DisplayName = "Clé de corrélation",
        Description = "Expression donnant la clé qui relie l'événement au dossier ; par défaut, l'identifiant du dossier.")]
    public JsonNode? CorrelationKey { get; init; }

    [Input(InputKind.VariableMap, DisplayName = "Variables renseignées",
        Description = "Pour chaque variable, le champ de l'événement qui la renseigne.")]
    public IReadOnlyDictionary<string, string>? Assign { get; init; }

    public override ActivityResult Execute(ActivityContext context)
    {
        var key = CorrelationKey is null ? context.FileId : context.Evaluate(CorrelationKey)?.ToString() ?? context.FileId;
        return ActivityResult.Wait(BookmarkRequest.ForEvent(Event, key, Outcomes.Done));
    }

    public override ActivityResult Resume(ActivityContext context, Workflows.Runtime.Resumption resumption)
    {
        Assignments.Apply(context, Assign, resumption.Payload);
        return ActivityResult.Outcome(Outcomes.Done);
    }

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        if (string.IsNullOrWhiteSpace(Event))
            yield return new InputProblem("/event", "input.required", "The event needs a name.");
        foreach (var problem in Assignments.Validate(Assign, scope))
            yield return problem;
    }
}
