using System.Text.Json.Nodes;
using Pathway.Workflows.Conditions;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation;
using static Pathway.Workflows.Tests.Conditions.Checking;

namespace Pathway.Workflows.Tests.Conditions;

public class CheckerTypeTests
{
    [Theory]
    [InlineData("age", LogicType.Number)]
    [InlineData("firstName", LogicType.Text)]
    [InlineData("dangerLevel", LogicType.Text)]
    [InlineData("birthDate", LogicType.Date)]
    [InlineData("hasLawyer", LogicType.Boolean)]
    public void A_variable_has_the_type_it_is_declared_with_a_choice_being_a_text(string name, LogicType type) =>
        Assert.Equal(type, TypeOf($$"""{"var": "{{name}}"}"""));

    [Theory]
    [InlineData("12", LogicType.Number)]
    [InlineData("\"douze\"", LogicType.Text)]
    [InlineData("\"2012-09-30\"", LogicType.Date)]
    [InlineData("false", LogicType.Boolean)]
    [InlineData("null", LogicType.Null)]
    [InlineData("[1, \"a\"]", LogicType.Array)]
    public void A_literal_has_the_type_it_is_written_with_a_date_string_being_a_date(string literal, LogicType type) =>
        Assert.Equal(type, TypeOf(literal));

    [Theory]
    [InlineData("""{"==": [1, 2]}""")]
    [InlineData("""{"<": [1, 2, 3]}""")]
    [InlineData("""{"!": [0]}""")]
    [InlineData("""{"!!": [{"var": "firstName"}]}""")]
    [InlineData("""{"in": ["a", "abc"]}""")]
    public void Comparisons_negations_and_in_are_booleans(string rule) => Assert.Equal(LogicType.Boolean, TypeOf(rule));

    [Theory]
    [InlineData("""{"+": [1, 2]}""")]
    [InlineData("""{"-": [1]}""")]
    [InlineData("""{"%": [{"var": "age"}, 2]}""")]
    [InlineData("""{"min": [{"var": "age"}, 18]}""")]
    public void Arithmetic_gives_a_number(string rule) => Assert.Equal(LogicType.Number, TypeOf(rule));

    [Theory]
    [InlineData("""{"cat": ["n°", 12]}""")]
    [InlineData("""{"substr": [{"var": "birthDate"}, 0, 4]}""")]
    public void Cat_and_substr_give_a_text(string rule) => Assert.Equal(LogicType.Text, TypeOf(rule));

    [Fact]
    public void Missing_gives_an_array() => Assert.Equal(LogicType.Array, TypeOf("""{"missing": ["age"]}"""));

    [Fact]
    public void If_has_the_type_shared_by_its_branches() =>
        Assert.Equal(LogicType.Number, TypeOf("""{"if": [{"var": "hasLawyer"}, 1, {"var": "age"}, 2, null]}"""));

    [Fact]
    public void If_with_branches_of_different_types_has_an_unknown_type() =>
        Assert.Equal(LogicType.Any, TypeOf("""{"?:": [{"var": "hasLawyer"}, 1, "un"]}"""));

    [Fact]
    public void And_of_booleans_is_a_boolean() =>
        Assert.Equal(LogicType.Boolean, TypeOf("""{"and": [{"var": "hasLawyer"}, {">": [{"var": "age"}, 12]}]}"""));

    [Fact]
    public void Or_mixing_types_is_allowed_and_has_an_unknown_type() =>
        Assert.Equal(LogicType.Any, TypeOf("""{"or": [{"var": "firstName"}, {"var": "age"}]}"""));

    [Theory]
    [InlineData("""{"==": [{"var": "birthDate"}, null]}""")]
    [InlineData("""{"!==": [null, {"var": "dangerLevel"}]}""")]
    public void Any_variable_may_be_compared_with_null(string rule) => Assert.Empty(Errors(rule));

    [Theory]
    [InlineData("""{"==": [{"var": "dangerLevel"}, {"var": "firstName"}]}""")]
    [InlineData("""{"<": [{"var": "dangerLevel"}, "moyen"]}""")]
    [InlineData("""{"in": ["faible", {"var": "firstName"}]}""")]
    public void A_choice_variable_is_a_text(string rule) => Assert.Empty(Errors(rule));

    [Fact]
    public void A_date_written_as_text_compares_with_a_text() => Assert.Empty(Errors("""{"==": [{"var": "firstName"}, "2012-09-30"]}"""));

    [Fact]
    public void An_operand_of_unknown_type_compares_with_anything() =>
        Assert.Empty(Errors("""{"==": [{"if": [true, 1, "un"]}, {"var": "birthDate"}]}"""));

    [Fact]
    public void The_errors_of_an_undeclared_variable_do_not_cascade() =>
        Assert.Single(Errors("""{"<": [{"+": [{"var": "poids"}, 1]}, 3]}"""));

    [Fact]
    public void Infer_adds_to_the_errors_it_is_given()
    {
        var earlier = new ValidationError("/name", "definition.required", "Name is required.");
        var errors = new List<ValidationError> { earlier };

        JsonLogicChecker.Infer(JsonNode.Parse("""{"var": "poids"}"""), Variables, At, errors);

        Assert.Equal([earlier.Code, "condition.unknown-variable"], errors.Select(e => e.Code));
    }

    [Fact]
    public void A_condition_that_is_not_a_boolean_is_reported_at_its_root() =>
        Assert.Equal(
            [new ValidationError(At, "condition.not-boolean",
                "A condition must give true or false, but this one gives a number; wrap it in '!!' to test whether it is truthy.")],
            JsonLogicChecker.CheckCondition(JsonNode.Parse("""{"var": "age"}"""), Variables, At));

    [Theory]
    [InlineData("""{"!!": {"var": "age"}}""")]
    [InlineData("""{"and": [{"var": "hasLawyer"}, {"!": {"missing": ["firstName"]}}]}""")]
    [InlineData("true")]
    public void A_boolean_condition_has_no_errors(string rule) =>
        Assert.Empty(JsonLogicChecker.CheckCondition(JsonNode.Parse(rule), Variables, At));

    [Fact]
    public void A_condition_of_unknown_type_is_accepted() =>
        Assert.Empty(JsonLogicChecker.CheckCondition(JsonNode.Parse("""{"or": [{"var": "firstName"}, {"var": "hasLawyer"}]}"""), Variables, At));

    [Fact]
    public void A_condition_reports_the_errors_inside_it_too()
    {
        var errors = JsonLogicChecker.CheckCondition(JsonNode.Parse("""{"+": [{"var": "firstName"}, 1]}"""), Variables, At);

        Assert.Equal(["condition.type-mismatch", "condition.not-boolean"], errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData(LogicType.Number, VariableType.Number, true)]
    [InlineData(LogicType.Number, VariableType.Text, false)]
    [InlineData(LogicType.Text, VariableType.Text, true)]
    [InlineData(LogicType.Text, VariableType.Choice, true)]
    [InlineData(LogicType.Text, VariableType.Date, false)]
    [InlineData(LogicType.Text, VariableType.Number, false)]
    [InlineData(LogicType.Date, VariableType.Date, true)]
    [InlineData(LogicType.Date, VariableType.Text, true)]
    [InlineData(LogicType.Boolean, VariableType.Boolean, true)]
    [InlineData(LogicType.Boolean, VariableType.Number, false)]
    [InlineData(LogicType.Array, VariableType.Text, false)]
    [InlineData(LogicType.Null, VariableType.Date, true)]
    [InlineData(LogicType.Any, VariableType.Number, true)]
    public void A_value_is_assignable_to_a_variable_of_its_type(LogicType value, VariableType target, bool assignable) =>
        Assert.Equal(assignable, JsonLogicChecker.IsAssignable(value, new VariableDefinition { Name = "x", Type = target }));

    [Fact]
    public void A_text_literal_that_is_a_valid_date_is_assignable_to_a_date()
    {
        var birthDate = Variables["birthDate"];

        Assert.True(JsonLogicChecker.IsAssignable(TypeOf("\"2012-09-30\""), birthDate));
        Assert.False(JsonLogicChecker.IsAssignable(TypeOf("\"30/09/2012\""), birthDate));
    }
}
