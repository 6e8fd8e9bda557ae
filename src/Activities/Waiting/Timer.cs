using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Conditions;
using Pathway.Workflows.Validation;

namespace Pathway.Activities.Waiting;

/// <summary>
/// Waits for a duration, until a date, or until the next occurrence of a recurrence. A duration counts from arrival
/// the way every duration does in Pathway (<see cref="Durations.Add"/>): days and months on the local calendar, so
/// <c>P1M</c> lands on the same date next month, hours as elapsed time, so <c>PT72H</c> is 72 real hours. With
/// <see cref="RepeatFrom"/>, the duration is a period counted from that date instead (a monthly review): the timer
/// waits for the first anchor + n × period after now, so a loop through it never drifts (TP10). With
/// <see cref="AtExpression"/>, the date is computed from the file's variables when the timer is entered (« un an
/// avant la majorité » is <c>{"date-add": [{"var": "birthDate"}, "P17Y"]}</c>): a date alone is midnight in the
/// deployment's zone, as for <see cref="At"/>.
/// </summary>
[Activity("Timer", DisplayName = "Attente", Category = "Attente", Blocking = true,
    Description = "Attend une durée (ISO 8601, par exemple P8D), une date, ou la prochaine échéance d'une périodicité.")]
[Outcome(Outcomes.Done, "Échue")]
public sealed class Timer : Activity
{
    // Far more occurrences than any pathway waits through (a daily recurrence for 270 years): a guard, not a limit.
    private const int MaxOccurrences = 100_000;

    [Input(InputKind.Duration, DisplayName = "Durée", Description = "Durée ISO 8601 : P8D (8 jours), P1M (1 mois), PT72H (72 heures).")]
    public Period? Duration { get; init; }

    [Input(InputKind.DateTime, DisplayName = "Date", Timing = true, Description = "Date ISO 8601 (2026-07-10) ou date et heure avec fuseau.")]
    public string? At { get; init; }

    [Input(InputKind.Variable, DisplayName = "Date tirée d'une variable", Timing = true, Description = "Une variable de type date.")]
    public string? AtVariable { get; init; }

    [Input(InputKind.Expression, DisplayName = "Date calculée", Timing = true,
        Description = "Une expression JSON Logic donnant une date, par exemple un an avant la majorité : "
            + "{\"date-add\": [{\"var\": \"birthDate\"}, \"P17Y\"]}.")]
    public JsonNode? AtExpression { get; init; }

    [Input(InputKind.Variable, DisplayName = "Périodicité à partir de", Timing = true,
        Description = "Une variable de type date : la durée devient une période comptée depuis cette date (revue mensuelle : P1M), "
            + "et l'attente finit à la prochaine échéance, sans dériver d'un tour à l'autre.")]
    public string? RepeatFrom { get; init; }

    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Wait(BookmarkRequest.Timer(DueAt(context), Outcomes.Done));

    private Instant DueAt(ActivityContext context)
    {
        if (Duration is not null && RepeatFrom is not null)
            return NextOccurrence(context, Duration, DateOf(context, RepeatFrom));
        if (Duration is not null)
            return Durations.Add(context.Now, Duration, context.Zone);
        if (At is not null)
            return Dates.TryParse(At, context.Zone)!.Value;
        return AtVariable is not null ? DateOf(context, AtVariable) : ComputedDate(context);
    }

    /// <summary>The date <see cref="AtExpression"/> gives now; null (an unset variable) faults the file, as an unset
    /// <see cref="AtVariable"/> does: waiting forever would hide the mistake.</summary>
    private Instant ComputedDate(ActivityContext context)
    {
        var text = context.Evaluate(AtExpression) is JsonValue value && value.TryGetValue(out string? date) ? date
            : throw new InvalidOperationException("The timer's date expression gives no date.");
        return Dates.TryParse(text, context.Zone) ?? throw new InvalidOperationException("The timer's date expression does not give a date.");
    }

    /// <summary>The first anchor + n × period (n ≥ 1) strictly after now, each counted from the anchor, never from the
    /// occurrence before: 31 January + P1M gives 28 February, then 31 March, 30 April. An occurrence that passed while
    /// the file was elsewhere is not made up.</summary>
    private static Instant NextOccurrence(ActivityContext context, Period period, Instant anchor)
    {
        for (var n = 1; n <= MaxOccurrences; n++)
        {
            var occurrence = Durations.Add(anchor, Durations.Times(period, n), context.Zone);
            if (occurrence > context.Now) return occurrence;
        }

        throw new InvalidOperationException($"The recurrence has no occurrence within {MaxOccurrences} periods.");
    }

    private static Instant DateOf(ActivityContext context, string variable)
    {
        var text = context.GetVariable(variable)?.GetValue<string>()
            ?? throw new InvalidOperationException($"Variable '{variable}' has no date.");
        return Dates.TryParse(text, context.Zone) ?? throw new InvalidOperationException($"Variable '{variable}' does not hold a date.");
    }

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        var given = (Duration is null ? 0 : 1) + (At is null ? 0 : 1) + (AtVariable is null ? 0 : 1) + (AtExpression is null ? 0 : 1);
        if (given != 1)
            yield return new InputProblem("", "timer.one-of", "A timer needs exactly one of 'duration', 'at', 'atVariable' or 'atExpression'.");
        if (RepeatFrom is not null && Duration is null)
            yield return new InputProblem("/repeatFrom", "timer.repeat-without-duration", "A recurrence needs its period in 'duration'.");
        foreach (var (name, pointer) in new[] { (AtVariable, "/atVariable"), (RepeatFrom, "/repeatFrom") })
        {
            if (name is not null && scope.Variables.TryGetValue(name, out var variable) && variable.Type != Workflows.Definitions.VariableType.Date)
                yield return new InputProblem(pointer, "timer.not-a-date", $"Variable '{name}' is not a date.");
        }

        // The expression itself is checked with every expression input (its errors are reported there); here, only
        // that it gives a date.
        if (AtExpression is not null
            && JsonLogicChecker.Infer(AtExpression, scope.Variables, "/atExpression", new List<ValidationError>()) is not (LogicType.Date or LogicType.Any))
            yield return new InputProblem("/atExpression", "timer.not-a-date",
                "The timer's date expression does not give a date: use a date variable, a date operator ('date-add', 'today', 'working-day') or a date written yyyy-MM-dd.");
    }
}
