using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// The activity types Pathway knows, read from their attributes. The one place that turns a node's
/// <c>inputs</c> into a configured activity, and that describes activity types to validation and the designer.
/// </summary>
public sealed class ActivityCatalog
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> StaticOutcomes = new();
    private readonly Dictionary<string, ActivityDescriptor> _byType;

    private ActivityCatalog(IEnumerable<ActivityDescriptor> descriptors)
    {
        _byType = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            if (!_byType.TryAdd(descriptor.Type, descriptor))
                throw new InvalidOperationException($"Two activity classes are named '{descriptor.Type}'.");
        }
    }

    /// <summary>Every concrete <see cref="Activity"/> with an <see cref="ActivityAttribute"/> in these assemblies.</summary>
    public static ActivityCatalog FromAssemblies(params Assembly[] assemblies) =>
        new(assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Activity).IsAssignableFrom(t)
                        && t.GetCustomAttribute<ActivityAttribute>() is not null)
            .Select(Describe));

    public IReadOnlyCollection<ActivityDescriptor> All => _byType.Values;

    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);

    /// <summary>Builds the configured activity of a node. Problems carry pointers relative to <c>inputs</c>.</summary>
    public BindResult Bind(ActivityNode node)
    {
        if (!_byType.TryGetValue(node.Type, out var descriptor))
            return new BindResult(null, [new InputProblem("", "activity.unknown-type", $"Activity type '{node.Type}' does not exist.")]);

        var problems = new List<InputProblem>();
        var activity = (Activity)Activator.CreateInstance(descriptor.ClrType)!;
        var byName = descriptor.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);

        foreach (var (name, _) in node.Inputs)
        {
            if (!byName.ContainsKey(name))
                problems.Add(new InputProblem("/" + Pointer.Escape(name), "input.unknown",
                    $"Activity type '{node.Type}' has no input '{name}'."));
        }

        foreach (var input in descriptor.Inputs)
        {
            var pointer = "/" + Pointer.Escape(input.Name);
            if (!node.Inputs.TryGetPropertyValue(input.Name, out var value) || value is null)
            {
                if (input.Required)
                    problems.Add(new InputProblem(pointer, "input.required", $"Input '{input.Name}' ({input.DisplayName}) is required."));
                continue;
            }

            if (Convert(input, value) is { } converted)
            {
                if (converted.Problem is not null)
                    problems.Add(new InputProblem(pointer, converted.Problem.Value.Code, converted.Problem.Value.Message));
                else
                    input.Property.SetValue(activity, converted.Value);
            }
        }

        return new BindResult(problems.Count == 0 ? activity : null, problems);
    }

    internal static IReadOnlyList<string> StaticOutcomesOf(Type type) =>
        StaticOutcomes.GetOrAdd(type, t => t.GetCustomAttributes<OutcomeAttribute>().Select(o => o.Name).ToArray());

    private readonly record struct Converted(object? Value, (string Code, string Message)? Problem);

    private static Converted? Convert(InputDescriptor input, JsonNode value)
    {
        var type = input.Property.PropertyType;
        string Expected() => input.Kind switch
        {
            InputKind.Text or InputKind.Variable or InputKind.ActivityReference => "a string",
            InputKind.Partner => "a partner id of the registry, as a string",
            InputKind.VariableList => "a list of variable names",
            InputKind.Deadline => DeadlineJson.Shape,
            InputKind.Number => "a number",
            InputKind.Boolean => "true or false",
            InputKind.Duration => "an ISO 8601 duration such as \"P8D\"",
            InputKind.DateTime => "an ISO 8601 date such as \"2026-07-10\" or a date-time with offset",
            InputKind.OutcomeNames => "a list of outcome names",
            InputKind.Cases => "a list of { \"outcome\", \"condition\" } objects",
            InputKind.Choice => "one of: " + string.Join(", ", input.AllowedValues ?? []),
            InputKind.VariableMap => "an object mapping variable names to payload fields",
            _ => "a JSON value",
        };
        Converted Wrong() => new(null, ("input.wrong-type", $"Input '{input.Name}' must be {Expected()}."));

        switch (input.Kind)
        {
            case InputKind.Condition or InputKind.Expression:
                return new Converted(Materialize(value), null);
            case InputKind.Duration:
                if (value.GetValueKind() != JsonValueKind.String) return Wrong();
                var period = Durations.TryParse(value.GetValue<string>());
                return period is null ? Wrong() : new Converted(period, null);
            case InputKind.DateTime:
                if (value.GetValueKind() != JsonValueKind.String || !Dates.IsWellFormed(value.GetValue<string>())) return Wrong();
                return new Converted(value.GetValue<string>(), null);
            case InputKind.Deadline:
                var (deadline, code, message) = DeadlineJson.Read(value, input.Name);
                return deadline is not null ? new Converted(deadline, null) : new Converted(null, (code!, message!));
            case InputKind.VariableList:
                if (value is not JsonArray variables || variables.Any(n => n?.GetValueKind() != JsonValueKind.String)) return Wrong();
                var variableNames = variables.Select(n => n!.GetValue<string>()).ToArray();
                if (variableNames.Distinct(StringComparer.Ordinal).Count() != variableNames.Length)
                    return new Converted(null, ("input.duplicate-name", $"Input '{input.Name}' variableNames the same variable twice."));
                return new Converted(variableNames, null);
            case InputKind.OutcomeNames:
                if (value is not JsonArray outcomeNames || outcomeNames.Any(n => n?.GetValueKind() != JsonValueKind.String)) return Wrong();
                var list = outcomeNames.Select(n => n!.GetValue<string>()).ToArray();
                if (list.Length == 0) return new Converted(null, ("input.empty", $"Input '{input.Name}' needs at least one name."));
                if (list.Distinct(StringComparer.Ordinal).Count() != list.Length)
                    return new Converted(null, ("input.duplicate-name", $"Input '{input.Name}' names the same outcome twice."));
                return new Converted(list, null);
            case InputKind.Choice when type.IsEnum:
                if (value.GetValueKind() != JsonValueKind.String) return Wrong();
                var text = value.GetValue<string>();
                var index = Array.IndexOf(input.AllowedValues!.ToArray(), text);
                return index < 0 ? Wrong() : new Converted(Enum.GetValues(type).GetValue(index), null);
        }

        try
        {
            return new Converted(value.Deserialize(type, DefinitionJson.Options), null);
        }
        catch (JsonException)
        {
            return Wrong();
        }
        catch (InvalidOperationException)
        {
            return Wrong();
        }
    }

    /// <summary>A copy whose leaves are plain .NET values rather than views on the parsed document, so an
    /// expression evaluated on every step does not re-read its literals each time.</summary>
    private static JsonNode? Materialize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Materialize(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Materialize).ToArray()),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => JsonValue.Create(node.GetValue<string>()),
            // Read through the JSON text: the value may be held as an int, a long, a decimal or a parsed element.
            JsonValueKind.Number => JsonValue.Create(double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)),
            JsonValueKind.True => JsonValue.Create(true),
            JsonValueKind.False => JsonValue.Create(false),
            _ => node.DeepClone(),
        },
    };

    private static ActivityDescriptor Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()!;
        var inputs = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Input: p.GetCustomAttribute<InputAttribute>()))
            .Where(x => x.Input is not null)
            .Select(x => new InputDescriptor(
                JsonNamingPolicy.CamelCase.ConvertName(x.Property.Name),
                x.Input!.Kind,
                x.Input.DisplayName,
                x.Input.Description,
                x.Input.Required,
                x.Property.PropertyType.IsEnum
                    ? Enum.GetNames(x.Property.PropertyType).Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray()
                    : null,
                x.Input.Timing || x.Input.Kind is InputKind.Deadline or InputKind.Duration,
                x.Property))
            .ToArray();
        var outcomes = type.GetCustomAttributes<OutcomeAttribute>().Select(o => new OutcomeDescriptor(o.Name, o.Label)).ToArray();
        var dynamicOutcomes = type.GetMethod(nameof(Activity.GetOutcomes))!.DeclaringType != typeof(Activity);
        return new ActivityDescriptor(attribute.Type, attribute.DisplayName, attribute.Category, attribute.Description,
            attribute.Blocking, outcomes, dynamicOutcomes, inputs, type);
    }
}

/// <summary>A configured activity, or why it could not be configured.</summary>
public sealed record BindResult(Activity? Activity, IReadOnlyList<InputProblem> Problems);

/// <summary>What the palette and validation know of an activity type.</summary>
public sealed record ActivityDescriptor(
    string Type,
    string DisplayName,
    string Category,
    string? Description,
    bool Blocking,
    IReadOnlyList<OutcomeDescriptor> Outcomes,
    bool HasDynamicOutcomes,
    IReadOnlyList<InputDescriptor> Inputs,
    Type ClrType);

public sealed record OutcomeDescriptor(string Name, string Label);

/// <param name="Timing">The input says when the activity's timers fall (a deadline, a duration, a timer's date): a
/// new version that changes only such inputs recounts the waiting files' timers instead of reissuing the activity.</param>
public sealed record InputDescriptor(
    string Name,
    InputKind Kind,
    string DisplayName,
    string? Description,
    bool Required,
    IReadOnlyList<string>? AllowedValues,
    bool Timing,
    PropertyInfo Property);

/// <summary>ISO 8601 durations as used in definitions (<c>P8D</c>, <c>P1M</c>, <c>PT72H</c>).</summary>
public static class Durations
{
    public static Period? TryParse(string text)
    {
        var result = PeriodPattern.NormalizingIso.Parse(text);
        return result.Success && result.Value != Period.Zero && !HasNegativePart(result.Value) ? result.Value : null;
    }

    /// <summary>
    /// <paramref name="from"/> plus <paramref name="period"/>, the one meaning a duration has in Pathway: its date part
    /// (years to days) on the local calendar of <paramref name="zone"/>, so <c>P1M</c> lands on the same date next month
    /// and <c>P1D</c> keeps the wall-clock hour across a change of clocks; then its time part as elapsed time, so
    /// <c>PT72H</c> is 72 real hours. A local time that does not exist or exists twice is resolved leniently.
    /// </summary>
    public static Instant Add(Instant from, Period period, DateTimeZone zone)
    {
        var dateMoved = (from.InZone(zone).LocalDateTime + DatePart(period)).InZoneLeniently(zone).ToInstant();
        return dateMoved + TimePart(period);
    }

    /// <summary>Years, months, weeks and days: counted on the calendar.</summary>
    public static Period DatePart(Period period) =>
        new PeriodBuilder { Years = period.Years, Months = period.Months, Weeks = period.Weeks, Days = period.Days }.Build();

    /// <summary>Hours down to nanoseconds: elapsed time.</summary>
    public static Duration TimePart(Period period) =>
        new PeriodBuilder
        {
            Hours = period.Hours, Minutes = period.Minutes, Seconds = period.Seconds,
            Milliseconds = period.Milliseconds, Ticks = period.Ticks, Nanoseconds = period.Nanoseconds,
        }.Build().ToDuration();

    /// <summary><paramref name="period"/> taken <paramref name="times"/> times, unit by unit (<c>P1M</c> × 2 = <c>P2M</c>,
    /// so the 31st stays the 31st where the month has one).</summary>
    public static Period Times(Period period, int times) =>
        new PeriodBuilder
        {
            Years = checked(period.Years * times), Months = checked(period.Months * times), Weeks = checked(period.Weeks * times),
            Days = checked(period.Days * times), Hours = checked(period.Hours * times), Minutes = checked(period.Minutes * times),
            Seconds = checked(period.Seconds * times), Milliseconds = checked(period.Milliseconds * times),
            Ticks = checked(period.Ticks * times), Nanoseconds = checked(period.Nanoseconds * times),
        }.Build();

    private static bool HasNegativePart(Period p) =>
        p.Years < 0 || p.Months < 0 || p.Weeks < 0 || p.Days < 0 || p.Hours < 0 || p.Minutes < 0 || p.Seconds < 0 || p.Milliseconds < 0;
}

/// <summary>Dates in definitions: <c>yyyy-MM-dd</c> (midnight, Europe/Paris) or a date-time with an offset.</summary>
public static class Dates
{
    public static bool IsWellFormed(string text) => TryParse(text, DateTimeZone.Utc) is not null;

    /// <summary>The instant a date or date-time denotes; a bare date is midnight in <paramref name="zone"/>.</summary>
    public static Instant? TryParse(string text, DateTimeZone zone)
    {
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success) return date.Value.AtStartOfDayInZone(zone).ToInstant();
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return offset.Success ? offset.Value.ToInstant() : null;
    }
}

/// <summary>JSON Pointer (RFC 6901) helpers.</summary>
public static class Pointer
{
    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");
}
