using System.Text.Json.Nodes;
using Pathway.Workflows.Conditions;
using static Pathway.Workflows.Tests.Conditions.Evaluation;

namespace Pathway.Workflows.Tests.Conditions;

public class LogicTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("false")]
    public void These_values_are_falsy(string value) => Assert.False(JsonLogic.IsTruthy(JsonNode.Parse(value)));

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\" \"")]
    [InlineData("[0]")]
    [InlineData("{}")]
    [InlineData("-1")]
    [InlineData("0.5")]
    [InlineData("\"false\"")]
    [InlineData("true")]
    public void These_values_are_truthy(string value) => Assert.True(JsonLogic.IsTruthy(JsonNode.Parse(value)));

    [Fact]
    public void Not_a_number_is_falsy() => Assert.False(JsonLogic.IsTruthy(JsonValue.Create(double.NaN)));

    [Fact]
    public void If_returns_the_result_of_the_first_condition_that_holds() =>
        AssertResult("\"moyen\"", """{"if": [{"<": [{"var": "age"}, 3]}, "faible", {"<": [{"var": "age"}, 13]}, "moyen", "élevé"]}""",
            """{"age": 8}""");

    [Fact]
    public void If_returns_its_else_when_no_condition_holds() =>
        AssertResult("\"élevé\"", """{"if": [false, "faible", 0, "moyen", "élevé"]}""");

    [Fact]
    public void If_without_else_returns_null_when_its_condition_fails() =>
        AssertResult("null", """{"if": [false, "faible"]}""");

    [Fact]
    public void If_evaluates_only_the_chosen_branch() =>
        AssertResult("1", """{"if": [true, 1, {"unknown": []}]}""");

    [Fact]
    public void The_ternary_operator_is_an_if() => AssertResult("\"non\"", """{"?:": ["", "oui", "non"]}""");

    [Fact]
    public void And_returns_its_first_falsy_operand() => AssertResult("\"\"", """{"and": [1, "", 0]}""");

    [Fact]
    public void And_returns_its_last_operand_when_all_are_truthy() => AssertResult("\"b\"", """{"and": [true, "a", "b"]}""");

    [Fact]
    public void And_stops_at_its_first_falsy_operand() => AssertResult("false", """{"and": [false, {"unknown": []}]}""");

    [Fact]
    public void Or_returns_its_first_truthy_operand() => AssertResult("\"a\"", """{"or": [0, "a", {"unknown": []}]}""");

    [Fact]
    public void Or_returns_its_last_operand_when_none_is_truthy() => AssertResult("[]", """{"or": [false, 0, []]}""");

    [Theory]
    [InlineData("0", "true")]
    [InlineData("\"0\"", "false")]
    [InlineData("[]", "true")]
    [InlineData("[0]", "false")]
    [InlineData("null", "true")]
    public void Not_negates_truthiness(string operand, string expected) => AssertResult(expected, $$"""{"!": [{{operand}}]}""");

    [Theory]
    [InlineData("\"\"", "false")]
    [InlineData("\"non\"", "true")]
    [InlineData("[]", "false")]
    [InlineData("3", "true")]
    public void Double_not_gives_truthiness_as_a_boolean(string operand, string expected) =>
        AssertResult(expected, $$"""{"!!": [{{operand}}]}""");
}
