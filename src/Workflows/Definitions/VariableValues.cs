using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime.Text;

namespace Pathway.Workflows.Definitions;

/// <summary>Whether a value fits a declared variable; the one check used for initial values and assignments.</summary>
public static class VariableValues
{
    /// <summary>Null when <paramref name="value"/> fits; otherwise a sentence that names the variable, never the value.</summary>
    public static string? Problem(VariableDefinition variable, JsonNode? value)
    {
        if (value is null) return null;
        var kind = value.GetValueKind();
        return variable.Type switch
        {
            VariableType.Text when kind == JsonValueKind.String => null,
            VariableType.Number when kind == JsonValueKind.Number => null,
            VariableType.Boolean when kind is JsonValueKind.True or JsonValueKind.False => null,
            VariableType.Date when kind == JsonValueKind.String && LocalDatePattern.Iso.Parse(value.GetValue<string>()).Success => null,
            VariableType.Choice when kind == JsonValueKind.String && (variable.Choices ?? []).Contains(value.GetValue<string>()) => null,
            VariableType.List when kind == JsonValueKind.Array => null,
            VariableType.Choice => $"Variable '{variable.Name}' only takes one of: {string.Join(", ", variable.Choices ?? [])}.",
            VariableType.Date => $"Variable '{variable.Name}' takes a date written yyyy-MM-dd.",
            _ => $"Variable '{variable.Name}' takes a {variable.Type.ToString().ToLowerInvariant()} value.",
        };
    }
}
