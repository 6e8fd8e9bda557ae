using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Flow;

/// <summary>Starts every branch at once (parallel split); a <c>Join</c> naming this fork brings them together.</summary>
[Activity("Fork", DisplayName = "Branches parallèles", Category = "Déroulement",
    Description = "Lance plusieurs branches en même temps (par exemple, saisir plusieurs partenaires).")]
public sealed class Fork : Activity
{
    [Input(InputKind.OutcomeNames, DisplayName = "Branches", Required = true)]
    public IReadOnlyList<string> Branches { get; init; } = [];

    public override IReadOnlyList<string> GetOutcomes() => Branches;

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Split(Branches);
}
