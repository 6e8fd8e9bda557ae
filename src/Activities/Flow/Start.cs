using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Flow;

/// <summary>Where every file begins. A definition has exactly one.</summary>
[Activity("Start", DisplayName = "Début", Category = "Déroulement",
    Description = "Point d'entrée du parcours : le dossier commence ici.")]
[Outcome(Outcomes.Done, "Suite")]
public sealed class Start : Activity
{
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Outcome(Outcomes.Done);
}
