using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Validation.Rules;

/// <summary>Choice variables list their choices, other variables list none, and defaults fit their variable.</summary>
internal static class VariableRules
{
    public static void Check(ValidationContext context)
    {
        var variables = context.Definition.Variables;
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            var pointer = $"/variables/{i}";
            if (variable.Type == VariableType.Choice ? !ChoicesAreSound(context, variable, pointer) : HasChoices(context, variable, pointer))
                continue;

            if (VariableValues.Problem(variable, variable.Default) is { } problem)
            {
                var code = variable.Type == VariableType.Choice ? "variable.default-not-a-choice" : "variable.default-wrong-type";
                context.Add(pointer + "/default", code, problem);
            }
        }
    }

    private static bool ChoicesAreSound(ValidationContext context, VariableDefinition variable, string pointer)
    {
        if (variable.Choices is not { Count: > 0 } choices)
        {
            context.Add(variable.Choices is null ? pointer : pointer + "/choices", "variable.choices-missing",
                $"Choice variable '{variable.Name}' needs a non-empty list of choices.");
            return false;
        }

        var sound = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < choices.Count; k++)
        {
            if (seen.Add(choices[k])) continue;
            context.Add($"{pointer}/choices/{k}", "variable.choices-duplicate",
                $"Choice '{choices[k]}' of variable '{variable.Name}' is listed twice.");
            sound = false;
        }

        return sound;
    }

    private static bool HasChoices(ValidationContext context, VariableDefinition variable, string pointer)
    {
        if (variable.Choices is null) return false;
        context.Add(pointer + "/choices", "variable.choices-not-allowed",
            $"Only choice variables list choices; '{variable.Name}' is of type {Name(variable.Type)}.");
        return true;
    }

    private static string Name(VariableType type) => type.ToString().ToLowerInvariant();
}
