namespace Pathway.Workflows.ActivityModel;

/// <summary>Names an activity type in definitions and gives its palette entry (labels in French).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type) : Attribute
{
    /// <summary>The name used in definition JSON, e.g. <c>Decision</c>.</summary>
    public string Type { get; } = type;

    public required string DisplayName { get; init; }

    public required string Category { get; init; }

    public string? Description { get; init; }

    /// <summary>True when the activity waits for something outside the file (a reply, a timer, an event).
    /// Only blocking activities may open the branches of a deferred choice.</summary>
    public bool Blocking { get; init; }
}

/// <summary>A statically known outcome of an activity type, with its French label.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutcomeAttribute(string name, string label) : Attribute
{
    public string Name { get; } = name;

    public string Label { get; } = label;
}

/// <summary>Marks an input property. Its JSON name is the camelCase property name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(InputKind kind) : Attribute
{
    public InputKind Kind { get; } = kind;

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public bool Required { get; init; }

    /// <summary>The input tells when a timer falls (inputs of kind <see cref="InputKind.Deadline"/> and
    /// <see cref="InputKind.Duration"/> always do): versioning treats a change to it as a change of timing only.</summary>
    public bool Timing { get; init; }
}

/// <summary>How an input is written and edited; validation and the designer's editors follow it.</summary>
public enum InputKind
{
    /// <summary>A string.</summary>
    Text,
    /// <summary>A JSON number.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>An ISO 8601 duration, e.g. <c>P8D</c>, <c>PT72H</c>, <c>P1M</c>.</summary>
    Duration,
    /// <summary>An ISO 8601 date (<c>2026-07-10</c>) or date-time with offset.</summary>
    DateTime,
    /// <summary>A JSON Logic expression that must evaluate to a boolean.</summary>
    Condition,
    /// <summary>A JSON Logic expression of any type (a literal is an expression too).</summary>
    Expression,
    /// <summary>The name of a declared variable.</summary>
    Variable,
    /// <summary>A list of outcome names, e.g. the branches of a fork.</summary>
    OutcomeNames,
    /// <summary>A list of <c>{ "outcome": name, "condition": JSON Logic }</c> cases.</summary>
    Cases,
    /// <summary>An activity id of the same definition.</summary>
    ActivityReference,
    /// <summary>One of a fixed set of strings, given by the property's enum type.</summary>
    Choice,
    /// <summary>A map from variable name to a field of an incoming payload.</summary>
    VariableMap,
    /// <summary>A list of names of declared variables (e.g. the fields a partner receives).</summary>
    VariableList,
    /// <summary>The id of a partner of the registry (<c>definitions/partners.json</c>).</summary>
    Partner,
    /// <summary>A <see cref="Deadline"/>: <c>{ "duration": "P8D", "counting": "calendar" | "workingDays", "legalBasis": "…" }</c>.</summary>
    Deadline,
}
