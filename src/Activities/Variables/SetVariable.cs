using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Variables;

/// <summary>Sets a declared variable to a value or to the result of a JSON Logic expression.</summary>
[Activity("SetVariable", DisplayName = "Affecter une variable", Category = "Données",
    Description = "Donne une valeur à une variable du dossier (valeur fixe ou calculée).")]
[Outcome(Outcomes.Done, "Suite")]
public sealed class SetVariable : Activity
{
    [Input(InputKind.Variable, DisplayName = "Variable", Required = true)]
    public string Variable { get; init; } = "";

    [Input(InputKind.Expression, DisplayName = "Valeur", Required = true)]
    public JsonNode? Value { get; init; }

    public override ActivityResult Execute(ActivityContext context)
    {
        context.SetVariable(Variable, context.Evaluate(Value));
        return ActivityResult.Outcome(Outcomes.Done);
    }
}
