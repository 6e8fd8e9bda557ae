using System.Text.RegularExpressions;

namespace Pathway.Workflows.Definitions;

/// <summary>
/// How ids are written, in one place for the JSON Schema and the validator. A definition id names a folder
/// (<c>definitions/&lt;id&gt;/</c>), hence lower-case kebab-case. Activity ids, stage ids and variable names share
/// one rule; no dot, because JSON Logic's <c>var</c> reads a dot as a path into a value.
/// </summary>
public static partial class IdRules
{
    public const string DefinitionIdPattern = "^[a-z0-9][a-z0-9-]*$";

    public const string DefinitionIdRule = "lower-case letters, digits and '-', starting with a letter or a digit";

    public const string NamePattern = "^[A-Za-z][A-Za-z0-9_-]*$";

    public const string NameRule = "letters, digits, '-' and '_', starting with a letter";

    public static bool IsDefinitionId(string text) => DefinitionId().IsMatch(text);

    public static bool IsName(string text) => Name().IsMatch(text);

    /// <summary>The rule a pattern of the schema stands for, in words; null for any other pattern.</summary>
    public static string? Explain(string pattern) => pattern switch
    {
        DefinitionIdPattern => DefinitionIdRule,
        NamePattern => NameRule,
        _ => null,
    };

    [GeneratedRegex(DefinitionIdPattern)]
    private static partial Regex DefinitionId();

    [GeneratedRegex(NamePattern)]
    private static partial Regex Name();
}
