using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Flow;

/// <summary>
/// Chooses among several paths by condition. In <see cref="SwitchMode.First"/> the first true case wins
/// (exclusive choice); in <see cref="SwitchMode.All"/> every true case starts a branch (multi-choice), and a
/// <c>Join</c> naming this switch waits for exactly the branches that started.
/// </summary>
[Activity("Switch", DisplayName = "Aiguillage", Category = "Déroulement",
    Description = "Oriente le dossier vers le premier cas vérifié, ou vers tous les cas vérifiés.")]
public sealed class Switch : Activity
{
    public const string Default = "default";

    [Input(InputKind.Cases, DisplayName = "Cas", Required = true)]
    public IReadOnlyList<SwitchCase> Cases { get; init; } = [];

    [Input(InputKind.Choice, DisplayName = "Mode", Description = "first : le premier cas vérifié ; all : tous les cas vérifiés.")]
    public SwitchMode Mode { get; init; } = SwitchMode.First;

    public override IReadOnlyList<string> GetOutcomes() => [.. Cases.Select(c => c.Outcome), Default];

    public override ActivityResult Execute(ActivityContext context)
    {
        var chosen = new List<string>();
        foreach (var @case in Cases)
        {
            if (!context.IsTrue(@case.Condition)) continue;
            if (Mode == SwitchMode.First) return ActivityResult.Outcome(@case.Outcome);
            chosen.Add(@case.Outcome);
        }

        if (chosen.Count == 0) chosen.Add(Default);
        return Mode == SwitchMode.First ? ActivityResult.Outcome(Default) : ActivityResult.Split(chosen);
    }

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { Default };
        for (var i = 0; i < Cases.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Cases[i].Outcome))
                yield return new InputProblem($"/cases/{i}/outcome", "input.required", "Each case needs an outcome name.");
            else if (!seen.Add(Cases[i].Outcome))
                yield return new InputProblem($"/cases/{i}/outcome", "input.duplicate-name",
                    $"Outcome '{Cases[i].Outcome}' is used twice (or is the reserved name 'default').");
            if (Cases[i].Condition is null)
                yield return new InputProblem($"/cases/{i}/condition", "input.required", "Each case needs a condition.");
        }
    }
}

/// <summary>One case of a <see cref="Switch"/>: the outcome taken when the condition holds.</summary>
public sealed record SwitchCase
{
    public required string Outcome { get; init; }

    public required JsonNode? Condition { get; init; }
}

public enum SwitchMode
{
    First,
    All,
}
