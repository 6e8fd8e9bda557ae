using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Conditions;

namespace Pathway.Workflows.Validation.Rules;

/// <summary>The inputs whose kind refers to the rest of the definition: variables, activities, JSON Logic.</summary>
internal static class InputRules
{
    public static void Check(ValidationContext context, Definitions.ActivityNode node, ActivityDescriptor descriptor, string pointer)
    {
        var inferred = new Dictionary<string, LogicType>(StringComparer.Ordinal);
        foreach (var input in descriptor.Inputs)
        {
            if (node.Inputs[input.Name] is not { } value) continue;
            var at = $"{pointer}/inputs/{Pointer.Escape(input.Name)}";
            switch (input.Kind)
            {
                case InputKind.Variable when Text(value) is { } name && !context.Variables.ContainsKey(name):
                    context.Add(at, "variable.unknown", $"Variable '{name}' is not declared.");
                    break;
                case InputKind.Partner when Text(value) is { } partner && context.Partners is { } partners && !partners.Exists(partner):
                    context.Add(at, "partner.unknown",
                        $"Partner '{partner}' is not in the registry; known partners: {string.Join(", ", partners.Ids.Order(StringComparer.Ordinal))}.");
                    break;
                case InputKind.VariableList when value is JsonArray names:
                    for (var k = 0; k < names.Count; k++)
                    {
                        if (Text(names[k]) is { } listed && !context.Variables.ContainsKey(listed))
                            context.Add($"{at}/{k}", "variable.unknown", $"Variable '{listed}' is not declared.");
                    }
                    break;
                case InputKind.Deadline when value is JsonObject { } deadline && deadline["before"] is JsonObject anchor
                                             && Text(anchor["variable"]) is { } dated:
                    CheckAnchor(context, dated, $"{at}/before/variable");
                    break;
                case InputKind.ActivityReference when Text(value) is { } id && !context.Activities.ContainsKey(id):
                    context.Add(at, "activity.unknown-reference", $"No activity has id '{id}'.");
                    break;
                case InputKind.Condition:
                    context.Errors.AddRange(JsonLogicChecker.CheckCondition(value, context.Variables, at));
                    break;
                case InputKind.Expression:
                    inferred[input.Name] = JsonLogicChecker.Infer(value, context.Variables, at, context.Errors);
                    break;
                case InputKind.Cases when value is JsonArray cases:
                    for (var k = 0; k < cases.Count; k++)
                    {
                        if (cases[k] is JsonObject @case && @case["condition"] is { } condition)
                            context.Errors.AddRange(JsonLogicChecker.CheckCondition(condition, context.Variables, $"{at}/{k}/condition"));
                    }
                    break;
            }
        }

        if (node.Type == FlowTypes.SetVariable) CheckAssignment(context, node, inferred, pointer);
    }

    /// <summary>A deadline counted back from an event reads the event's date from a declared date variable.</summary>
    private static void CheckAnchor(ValidationContext context, string name, string at)
    {
        if (!context.Variables.TryGetValue(name, out var variable))
            context.Add(at, "variable.unknown", $"Variable '{name}' is not declared.");
        else if (variable.Type != Definitions.VariableType.Date)
            context.Add(at, BeforeNotADate, $"Variable '{name}' is {variable.Type.ToString().ToLowerInvariant()}, not a date: a deadline is counted back from a date.");
    }

    /// <summary>A deadline is counted back from a variable that is not a date.</summary>
    public const string BeforeNotADate = "deadline.before-not-a-date";

    /// <summary>SetVariable's value must fit the variable it sets, or the file would fault at run time.</summary>
    private static void CheckAssignment(ValidationContext context, Definitions.ActivityNode node,
        Dictionary<string, LogicType> inferred, string pointer)
    {
        if (Text(node.Inputs["variable"]) is not { } name || !context.Variables.TryGetValue(name, out var variable)
            || !inferred.TryGetValue("value", out var type) || JsonLogicChecker.IsAssignable(type, variable))
            return;
        context.Add(pointer + "/inputs/value", "variable.wrong-type",
            $"Activity '{node.Id}' sets variable '{name}' ({variable.Type.ToString().ToLowerInvariant()}) to a value of type {type.ToString().ToLowerInvariant()}.");
    }

    private static string? Text(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;
}
