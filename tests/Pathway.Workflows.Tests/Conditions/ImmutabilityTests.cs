using System.Text.Json.Nodes;
using Pathway.Workflows.Conditions;

namespace Pathway.Workflows.Tests.Conditions;

public class ImmutabilityTests
{
    private const string Rule = """
        {"if": [{"and": [{"in": [{"var": "dangerLevel"}, ["moyen", "élevé"]]}, {"missing": ["firstName"]}]},
                [{"var": "siblings"}, {"var": "school"}, ["a", 1]],
                {"cat": [{"var": "firstName"}, {"substr": [{"var": "birthDate"}, 0, 4]}]}]}
        """;

    private const string Variables = """
        {"dangerLevel": "élevé", "firstName": "", "birthDate": "2012-09-30", "siblings": ["Tom", "Inès"], "school": {"name": "Jules Ferry"}}
        """;

    [Fact]
    public void Evaluation_leaves_the_rule_unchanged()
    {
        var rule = JsonNode.Parse(Rule);
        var variables = JsonNode.Parse(Variables)!.AsObject();

        JsonLogic.Evaluate(rule, name => variables[name]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Rule), rule));
    }

    [Fact]
    public void Evaluation_leaves_the_variables_unchanged()
    {
        var variables = JsonNode.Parse(Variables)!.AsObject();

        JsonLogic.Evaluate(JsonNode.Parse(Rule), name => variables[name]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Variables), variables));
    }

    [Fact]
    public void The_result_is_a_copy_of_the_array_and_object_variables_it_returns()
    {
        var variables = JsonNode.Parse(Variables)!.AsObject();

        var result = JsonLogic.Evaluate(JsonNode.Parse(Rule), name => variables[name])!.AsArray();
        result[0]!.AsArray().Add("Zoé");
        result[1]!["name"] = "Victor Hugo";

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Variables), variables));
    }

    [Theory]
    [InlineData("""{"var": "firstName"}""")]
    [InlineData("""{"if": [true, ["a", 1], 0]}""")]
    [InlineData("""{"var": "siblings"}""")]
    public void The_result_belongs_to_no_document(string rule)
    {
        var variables = JsonNode.Parse(Variables)!.AsObject();
        variables["firstName"] = "Léa";

        var result = JsonLogic.Evaluate(JsonNode.Parse(rule), name => variables[name]);

        Assert.Null(result!.Parent);
        Assert.NotSame(variables["firstName"], result);
    }
}
