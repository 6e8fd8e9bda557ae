using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Flow;

/// <summary>
/// Waits on several things at once — a reply, a deadline, an event — and follows whichever happens first;
/// the other branches are withdrawn (their timers cancelled). Each branch starts with a waiting activity.
/// </summary>
[Activity("DeferredChoice", DisplayName = "Premier événement", Category = "Déroulement",
    Description = "Suit la première branche dont l'attente aboutit (réponse, échéance ou événement) ; les autres sont retirées.")]
public sealed class DeferredChoice : Activity
{
    [Input(InputKind.OutcomeNames, DisplayName = "Branches", Required = true)]
    public IReadOnlyList<string> Branches { get; init; } = [];

    public override IReadOnlyList<string> GetOutcomes() => Branches;

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.FirstOf(Branches);
}
