using System.Text.Json.Nodes;
using Pathway.Workflows.Conditions;
using static Pathway.Workflows.Tests.Conditions.Evaluation;

namespace Pathway.Workflows.Tests.Conditions;

public class RuleShapeTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("2.5")]
    [InlineData("\"urgent\"")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    public void A_literal_evaluates_to_itself(string literal) => AssertResult(literal, literal);

    [Fact]
    public void An_array_is_evaluated_item_by_item() =>
        AssertResult("""[1, "Léa", 2]""", """[1, {"var": "firstName"}, {"+": [1, 1]}]""", """{"firstName": "Léa"}""");

    [Fact]
    public void A_single_argument_may_be_written_without_its_array() =>
        AssertResult("false", """{"!": true}""");

    [Fact]
    public void A_rule_object_with_two_operators_is_rejected()
    {
        var error = AssertRejected("""{"==": [1, 1], "!=": [1, 2]}""");
        Assert.Equal("A rule object must have exactly one operator, not 2.", error.Message);
    }

    [Fact]
    public void An_empty_rule_object_is_rejected() => AssertRejected("{}");

    [Fact]
    public void An_unknown_operator_is_rejected_by_name()
    {
        var error = AssertRejected("""{"between": [1, 2, 3]}""");
        Assert.Equal("Operator 'between' is not supported.", error.Message);
    }

    [Theory]
    [InlineData("""{"map": [[1, 2], {"var": ""}]}""")]
    [InlineData("""{"merge": [[1], [2]]}""")]
    [InlineData("""{"log": "x"}""")]
    [InlineData("""{"some": [[1], {"==": [{"var": ""}, 1]}]}""")]
    public void Json_logic_operators_outside_the_supported_set_are_rejected(string rule) => AssertRejected(rule);

    [Theory]
    [InlineData("""{"!": [true, false, true]}""", "Operator '!' takes 1 argument, not 3.")]
    [InlineData("""{"==": [1]}""", "Operator '==' takes 2 arguments, not 1.")]
    [InlineData("""{"<": [1, 2, 3, 4]}""", "Operator '<' takes 2 or 3 arguments, not 4.")]
    [InlineData("""{"and": []}""", "Operator 'and' takes at least 1 argument, not 0.")]
    public void A_wrong_number_of_arguments_is_rejected_rather_than_ignored(string rule, string message) =>
        Assert.Equal(message, AssertRejected(rule).Message);

    [Theory]
    [InlineData("""{"missing": [{"var": "secret"}]}""")]
    [InlineData("""{"missing_some": [1, {"var": "secret"}]}""")]
    [InlineData("""{"if": [{"var": "secret"}, {"unknown": {"var": "secret"}}, 0]}""")]
    public void A_rejection_never_quotes_the_value_of_a_variable(string rule)
    {
        var error = AssertRejected(rule, """{"secret": 75310}""");
        Assert.DoesNotContain("75310", error.Message);
    }

    [Fact]
    public void Evaluation_requires_a_way_to_read_variables() =>
        Assert.Throws<ArgumentNullException>(() => JsonLogic.Evaluate(JsonNode.Parse("1"), null!));
}
