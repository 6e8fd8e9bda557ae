using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathway.Workflows.Conditions;

// Interim evaluator (var, ==, !=, !, and, or) so the interpreter runs; replaced by the full one on branch `logic`.
public static class JsonLogic
{
    public static JsonNode? Evaluate(JsonNode? rule, Func<string, JsonNode?> variable)
    {
        if (rule is not JsonObject obj || obj.Count != 1) return rule?.DeepClone();
        var (op, args) = obj.First();
        var list = args is JsonArray a ? a.ToList() : [args];
        return op switch
        {
            "var" => variable(list[0]!.GetValue<string>())?.DeepClone(),
            "==" => JsonNode.DeepEquals(Evaluate(list[0], variable), Evaluate(list[1], variable)),
            "!=" => !JsonNode.DeepEquals(Evaluate(list[0], variable), Evaluate(list[1], variable)),
            "!" => !IsTruthy(Evaluate(list[0], variable)),
            "and" => list.All(x => IsTruthy(Evaluate(x, variable))),
            "or" => list.Any(x => IsTruthy(Evaluate(x, variable))),
            _ => throw new InvalidOperationException($"Unknown operator '{op}'."),
        };
    }

    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False => false,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            _ => true,
        },
        _ => true,
    };
}
