using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Flow;

/// <summary>Exclusive choice between two paths on a condition over the file's variables.</summary>
[Activity("Decision", DisplayName = "Décision", Category = "Déroulement",
    Description = "Oriente le dossier selon une condition sur ses variables.")]
[Outcome("true", "Oui")]
[Outcome("false", "Non")]
public sealed class Decision : Activity
{
    [Input(InputKind.Condition, DisplayName = "Condition", Required = true)]
    public JsonNode? Condition { get; init; }

    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Outcome(context.IsTrue(Condition) ? "true" : "false");
}
