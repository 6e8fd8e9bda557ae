using System.Text.Json.Nodes;
using Pathway.Workflows.Conditions;

namespace Pathway.Workflows.Tests.Conditions;

/// <summary>Evaluates rules written as JSON text over variables written as a JSON object.</summary>
internal static class Evaluation
{
    public static JsonNode? Evaluate(string rule, string variables = "{}")
    {
        var values = JsonNode.Parse(variables)!.AsObject();
        return JsonLogic.Evaluate(JsonNode.Parse(rule), name => values[name]);
    }

    /// <summary>Compares JSON values, numbers by value (<c>3</c> and <c>3.0</c> are the same result).</summary>
    public static void AssertResult(string expected, string rule, string variables = "{}")
    {
        var actual = Evaluate(rule, variables);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"{rule} with {variables}: expected {expected}, got {actual?.ToJsonString() ?? "null"}.");
    }

    public static JsonLogicException AssertRejected(string rule, string variables = "{}") =>
        Assert.Throws<JsonLogicException>(() => Evaluate(rule, variables));
}
