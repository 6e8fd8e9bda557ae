using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// Reads a deadline input: <c>{ "duration", "counting"?, "legalBasis"?, "before"?, "roll"?, "territory"? }</c> with
/// <c>before</c> = <c>{ "variable", "plus"?, "event"? }</c>. The shape is checked here; whether the variable is a
/// declared date is checked with the rest of the definition (<c>InputRules</c>).
/// </summary>
public static class DeadlineJson
{
    public const string Shape = "an object { \"duration\": \"P8D\", \"counting\"?: \"calendar\", \"workingDays\" or \"workingDaysAndSaturdays\", "
        + "\"legalBasis\"?: \"…\", \"before\"?: { \"variable\", \"plus\"?, \"event\"? }, \"roll\"?: \"next\", \"previous\" or \"none\", \"territory\"?: \"…\" }";

    /// <summary>Counting in working days with months, years or a time part: "one month of working days" means nothing.</summary>
    public const string UnitNotCounted = "deadline.unit-not-counted";

    /// <summary>A deadline counted back from an event is in days, weeks, months or years, never in hours.</summary>
    public const string BeforeNotInDays = "deadline.before-not-in-days";

    /// <summary>Rolling a deadline counted back from an event to the next day would leave less time than the law gives.</summary>
    public const string RollTowardEvent = "deadline.roll-toward-event";

    /// <summary>Elapsed time (hours) is never moved to a working day.</summary>
    public const string RollOnElapsedTime = "deadline.roll-on-elapsed-time";

    private static readonly string[] Fields = ["duration", "counting", "legalBasis", "before", "roll", "territory"];
    private static readonly string[] AnchorFields = ["variable", "plus", "event"];

    /// <summary>The deadline, or the code and sentence of what is wrong with it.</summary>
    public static (Deadline? Deadline, string? Code, string? Message) Read(JsonNode value, string input)
    {
        (Deadline?, string?, string?) Wrong() => (null, "input.wrong-type", $"Input '{input}' must be {Shape}.");
        (Deadline?, string?, string?) Problem(string code, string message) => (null, code, message);

        if (value is not JsonObject fields || fields.Any(f => !Fields.Contains(f.Key))) return Wrong();
        if (Period(fields["duration"]) is not { } duration) return Wrong();
        if (!TryEnum<DayCounting>(fields["counting"], DayCounting.Calendar, out var counting)) return Wrong();
        if (!TryText(fields["legalBasis"], out var legalBasis)) return Wrong();
        if (!TryEnum<DayRoll>(fields["roll"], null, out var roll)) return Wrong();
        if (!TryEnum<Territory>(fields["territory"], null, out var territory)) return Wrong();
        DeadlineAnchor? before = null;
        if (fields["before"] is { } anchor)
        {
            if (ReadAnchor(anchor) is not { } read) return Wrong();
            before = read;
        }

        var deadline = new Deadline
        {
            Duration = duration, Counting = counting!.Value, LegalBasis = legalBasis, Before = before, Roll = roll, Territory = territory,
        };
        if (counting != DayCounting.Calendar && (!deadline.IsInDays || duration.Months != 0 || duration.Years != 0))
            return Problem(UnitNotCounted, $"Input '{input}' counts working days, so its duration has days and weeks only, not {duration}.");
        if (before is not null && !deadline.IsInDays)
            return Problem(BeforeNotInDays, $"Input '{input}' is counted before an event, so its duration has no hours, minutes or seconds.");
        if (before is not null && roll == DayRoll.Next)
            return Problem(RollTowardEvent, $"Input '{input}' is counted before an event: its last day may move back ('previous') or stay ('none'), not forward.");
        if (roll is not null && duration.HasTimeComponent)
            return Problem(RollOnElapsedTime, $"Input '{input}' is elapsed time (hours): it never moves to a working day, so it takes no 'roll'.");
        return (deadline, null, null);
    }

    private static DeadlineAnchor? ReadAnchor(JsonNode node)
    {
        if (node is not JsonObject fields || fields.Any(f => !AnchorFields.Contains(f.Key))) return null;
        if (!TryText(fields["variable"], out var variable) || variable is null) return null;
        if (!TryText(fields["event"], out var eventName)) return null;
        Period? plus = null;
        if (fields["plus"] is { } plusNode)
        {
            // A date plus a date part: "P18Y", not "PT2H".
            if (Period(plusNode) is not { HasTimeComponent: false } period) return null;
            plus = period;
        }

        return new DeadlineAnchor { Variable = variable, Plus = plus, Event = eventName };
    }

    private static Period? Period(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? Durations.TryParse(value.GetValue<string>()) : null;

    /// <summary>An absent value is fine (null text); a present one is a non-blank string.</summary>
    private static bool TryText(JsonNode? node, out string? text)
    {
        text = null;
        if (node is null) return true;
        if (node.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(node.GetValue<string>())) return false;
        text = node.GetValue<string>();
        return true;
    }

    /// <summary>An absent value takes <paramref name="absent"/>; a present one is the camelCase name of a member.</summary>
    private static bool TryEnum<T>(JsonNode? node, T? absent, out T? value) where T : struct, Enum
    {
        value = absent;
        if (node is null) return true;
        if (node.GetValueKind() != JsonValueKind.String) return false;
        var text = node.GetValue<string>();
        foreach (var member in Enum.GetValues<T>())
        {
            if (JsonNamingPolicy.CamelCase.ConvertName(member.ToString()) != text) continue;
            value = member;
            return true;
        }

        return false;
    }

    /// <summary>The camelCase name a definition writes for <paramref name="value"/> (<c>laReunion</c>).</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
