using System.Globalization;
using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Validation.DefinitionLimits;

namespace Pathway.Workflows.Validation.Rules;

/// <summary>
/// What a definition may cost (<see cref="DefinitionLimits"/>): its number of activities and connections, and
/// the size and depth of its JSON Logic, per activity and in all. A definition with too many activities or
/// connections is not checked further: the other rules' work grows with its size.
/// </summary>
internal static class SizeRules
{
    /// <returns>False when the definition is too large to be checked further.</returns>
    public static bool Check(ValidationContext context)
    {
        var definition = context.Definition;
        var small = true;
        if (definition.Activities.Count > MaxActivities)
        {
            context.Add("/activities", "definition.too-many-activities",
                Format($"The definition has {definition.Activities.Count:N0} activities; a definition may have at most {MaxActivities:N0}."));
            small = false;
        }

        if (definition.Connections.Count > MaxConnections)
        {
            context.Add("/connections", "definition.too-many-connections",
                Format($"The definition has {definition.Connections.Count:N0} connections; a definition may have at most {MaxConnections:N0}."));
            small = false;
        }

        if (small) CheckLogic(context);
        return small;
    }

    private static void CheckLogic(ValidationContext context)
    {
        var inDefinition = 0;
        for (var i = 0; i < context.Definition.Activities.Count; i++)
        {
            if (context.Descriptors[i] is not { } descriptor) continue;
            var node = context.Definition.Activities[i];
            var inActivity = 0;
            foreach (var (rule, pointer) in Rules(node, descriptor, $"/activities/{i}/inputs"))
            {
                var (nodes, tooDeep) = Measure(rule, pointer);
                if (tooDeep is not null)
                    context.Add(tooDeep, "condition.too-deep",
                        Format($"This rule nests more than {MaxLogicDepth} levels deep; split it or simplify it."));

                inActivity += nodes;
                inDefinition += nodes;
                // Reported once, at the rule that goes over: each total is checked when it first passes its limit,
                // and a rule too large for its activity is not also blamed for the definition's total.
                if (inActivity > MaxLogicNodesPerActivity && inActivity - nodes <= MaxLogicNodesPerActivity)
                    context.Add(pointer, "condition.too-large",
                        Format($"With this rule, activity '{node.Id}' evaluates {inActivity:N0} JSON Logic nodes; the conditions and expressions of one activity may have at most {MaxLogicNodesPerActivity:N0} in all."));
                else if (inDefinition > MaxLogicNodesPerDefinition && inDefinition - nodes <= MaxLogicNodesPerDefinition)
                    context.Add(pointer, "definition.too-much-logic",
                        Format($"With this rule, the definition's conditions and expressions have {inDefinition:N0} JSON Logic nodes; a definition may have at most {MaxLogicNodesPerDefinition:N0} in all."));
            }
        }
    }

    /// <summary>The JSON Logic of an activity's inputs, with where each rule is.</summary>
    private static IEnumerable<(JsonNode? Rule, string Pointer)> Rules(Definitions.ActivityNode node, ActivityDescriptor descriptor, string inputs)
    {
        foreach (var input in descriptor.Inputs)
        {
            if (node.Inputs[input.Name] is not { } value) continue;
            var at = $"{inputs}/{Pointer.Escape(input.Name)}";
            switch (input.Kind)
            {
                case InputKind.Condition or InputKind.Expression:
                    yield return (value, at);
                    break;
                case InputKind.Cases when value is JsonArray cases:
                    for (var k = 0; k < cases.Count; k++)
                    {
                        if (cases[k] is JsonObject @case && @case["condition"] is { } condition)
                            yield return (condition, $"{at}/{k}/condition");
                    }

                    break;
            }
        }
    }

    /// <summary>The JSON values of a rule, and where it first nests deeper than allowed (null when it does not).</summary>
    private static (int Nodes, string? TooDeep) Measure(JsonNode? rule, string pointer)
    {
        var nodes = 0;
        string? tooDeep = null;
        // Iterative, so that measuring never recurses as deep as the rule.
        var pending = new Stack<(JsonNode? Node, string Pointer, int Depth)>();
        pending.Push((rule, pointer, 1));
        while (pending.TryPop(out var item))
        {
            nodes++;
            if (item.Depth > MaxLogicDepth)
            {
                tooDeep ??= item.Pointer;
                continue;
            }

            switch (item.Node)
            {
                // Children pushed last first, so that the first node too deep is the first in the document.
                case JsonObject operation:
                    for (var i = operation.Count - 1; i >= 0; i--)
                    {
                        var (name, value) = operation.GetAt(i);
                        pending.Push((value, $"{item.Pointer}/{Pointer.Escape(name)}", item.Depth + 1));
                    }

                    break;
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--) pending.Push((array[i], $"{item.Pointer}/{i}", item.Depth + 1));
                    break;
            }
        }

        return (nodes, tooDeep);
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
