using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Flow;

/// <summary>
/// Brings together the branches of one fork (or multi-choice switch). <see cref="JoinMode.All"/> waits for
/// every branch still alive; <see cref="JoinMode.First"/> goes on with the first and absorbs the others, or
/// withdraws them with <see cref="CancelRemaining"/>.
/// </summary>
[Activity("Join", DisplayName = "Synchronisation", Category = "Déroulement",
    Description = "Attend les branches lancées par une activité de branches parallèles ou un aiguillage multiple.")]
[Outcome(Outcomes.Done, "Suite")]
public sealed class Join : Activity
{
    [Input(InputKind.ActivityReference, DisplayName = "Branches synchronisées",
        Description = "L'activité qui a lancé les branches (branches parallèles ou aiguillage en mode all).", Required = true)]
    public string Fork { get; init; } = "";

    [Input(InputKind.Choice, DisplayName = "Mode", Description = "all : attendre toutes les branches ; first : la première suffit.")]
    public JoinMode Mode { get; init; } = JoinMode.All;

    [Input(InputKind.Boolean, DisplayName = "Retirer les autres branches",
        Description = "En mode first, retire les branches encore en cours dès que la première arrive.")]
    public bool CancelRemaining { get; init; }

    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Synchronize(Fork, Mode, CancelRemaining);

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        if (CancelRemaining && Mode != JoinMode.First)
            yield return new InputProblem("/cancelRemaining", "join.cancel-needs-first",
                "Withdrawing the remaining branches only makes sense when the first branch suffices (mode 'first').");
    }
}
