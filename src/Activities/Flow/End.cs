using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Flow;

/// <summary>Ends one branch. The file closes when no branch is left, or at once with <see cref="TerminateFile"/>.</summary>
[Activity("End", DisplayName = "Fin", Category = "Déroulement",
    Description = "Termine cette branche ; le dossier se clôt quand aucune branche ne reste en cours.")]
public sealed class End : Activity
{
    [Input(InputKind.Boolean, DisplayName = "Clôturer le dossier",
        Description = "Clôt le dossier immédiatement en retirant les autres branches en cours.")]
    public bool TerminateFile { get; init; }

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.End(TerminateFile);
}
