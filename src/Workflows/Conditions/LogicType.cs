namespace Pathway.Workflows.Conditions;

/// <summary>The type <see cref="JsonLogicChecker"/> infers for a rule.</summary>
public enum LogicType
{
    /// <summary>Unknown (e.g. after an error, or <c>and</c> mixing types): compatible with everything.</summary>
    Any,
    /// <summary>The literal <c>null</c>.</summary>
    Null,
    Boolean,
    Number,
    /// <summary>A string; a choice variable is text too.</summary>
    Text,
    /// <summary>A date variable, or a string literal that is a well-formed ISO date <c>yyyy-MM-dd</c>.</summary>
    Date,
    Array,
}
