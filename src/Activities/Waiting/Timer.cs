using NodaTime;
using Pathway.Workflows.Activities;

namespace Pathway.Activities.Waiting;

/// <summary>
/// Waits for a duration (counted from arrival, in Europe/Paris local time so "P1M" lands on the same date next
/// month and days keep their wall-clock time across the change to summer time) or until a date.
/// </summary>
[Activity("Timer", DisplayName = "Attente", Category = "Attente", Blocking = true,
    Description = "Attend une durée (ISO 8601, par exemple P8D) ou une date.")]
[Outcome(Outcomes.Done, "Échue")]
public sealed class Timer : Activity
{
    [Input(InputKind.Duration, DisplayName = "Durée", Description = "Durée ISO 8601 : P8D (8 jours), P1M (1 mois), PT72H (72 heures).")]
    public Period? Duration { get; init; }

    [Input(InputKind.DateTime, DisplayName = "Date", Description = "Date ISO 8601 (2026-07-10) ou date et heure avec fuseau.")]
    public string? At { get; init; }

    [Input(InputKind.Variable, DisplayName = "Date tirée d'une variable", Description = "Une variable de type date.")]
    public string? AtVariable { get; init; }

    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Wait(BookmarkRequest.Timer(DueAt(context), Outcomes.Done));

    private Instant DueAt(ActivityContext context)
    {
        if (Duration is not null)
            return Durations.AddLocal(context.Now, Duration, context.Zone);
        var text = At ?? context.GetVariable(AtVariable!)?.GetValue<string>()
            ?? throw new InvalidOperationException($"Variable '{AtVariable}' has no date.");
        return Dates.TryParse(text, context.Zone) ?? throw new InvalidOperationException($"Variable '{AtVariable}' does not hold a date.");
    }

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        var given = (Duration is null ? 0 : 1) + (At is null ? 0 : 1) + (AtVariable is null ? 0 : 1);
        if (given != 1)
            yield return new InputProblem("", "timer.one-of", "A timer needs exactly one of 'duration', 'at' or 'atVariable'.");
        if (AtVariable is not null && scope.Variables.TryGetValue(AtVariable, out var variable)
            && variable.Type != Workflows.Definitions.VariableType.Date)
            yield return new InputProblem("/atVariable", "timer.not-a-date", $"Variable '{AtVariable}' is not a date.");
    }
}
