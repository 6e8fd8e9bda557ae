using System.Text.Json.Nodes;
using Pathway.Workflows.Conditions;
using static Pathway.Workflows.Tests.Conditions.Evaluation;

namespace Pathway.Workflows.Tests.Conditions;

public class VariableTests
{
    [Fact]
    public void Var_reads_the_current_value_of_a_variable() =>
        AssertResult("\"élevé\"", """{"var": "dangerLevel"}""", """{"dangerLevel": "élevé"}""");

    [Fact]
    public void Var_accepts_its_name_inside_an_array() =>
        AssertResult("14", """{"var": ["age"]}""", """{"age": 14}""");

    [Fact]
    public void An_unset_variable_reads_as_null() => AssertResult("null", """{"var": "age"}""");

    [Fact]
    public void Var_falls_back_to_its_default_when_the_variable_is_unset() =>
        AssertResult("0", """{"var": ["age", 0]}""");

    [Fact]
    public void Var_keeps_a_falsy_value_rather_than_its_default() =>
        AssertResult("\"\"", """{"var": ["firstName", "inconnu"]}""", """{"firstName": ""}""");

    [Fact]
    public void Var_looks_a_dotted_name_up_as_written()
    {
        var asked = new List<string>();
        JsonLogic.Evaluate(JsonNode.Parse("""{"var": "school.name"}"""), name => { asked.Add(name); return null; });
        Assert.Equal(["school.name"], asked);
    }

    [Fact]
    public void Var_of_the_whole_data_is_rejected()
    {
        var error = AssertRejected("""{"var": ""}""");
        Assert.Equal("Operator 'var' needs a variable name; '' (the whole data) is not supported.", error.Message);
    }

    [Theory]
    [InlineData("""{"var": 1}""")]
    [InlineData("""{"var": null}""")]
    [InlineData("""{"var": [{"cat": ["a", "ge"]}]}""")]
    public void Var_with_a_name_that_is_not_written_as_a_string_is_rejected(string rule) => AssertRejected(rule);

    [Fact]
    public void Variables_set_in_code_are_read_whatever_their_number_type()
    {
        var values = new Dictionary<string, JsonNode?>
        {
            ["int"] = JsonValue.Create(3), ["long"] = JsonValue.Create(4L), ["decimal"] = JsonValue.Create(5.5m),
        };
        var sum = JsonLogic.Evaluate(JsonNode.Parse("""{"+": [{"var": "int"}, {"var": "long"}, {"var": "decimal"}]}"""), n => values[n]);
        Assert.Equal(12.5, sum!.GetValue<double>());
    }

    [Fact]
    public void Missing_lists_the_variables_that_are_unset_or_empty() =>
        AssertResult("""["firstName", "birthDate"]""", """{"missing": ["age", "firstName", "birthDate"]}""",
            """{"age": 12, "firstName": ""}""");

    [Fact]
    public void Missing_accepts_its_names_in_an_array() =>
        AssertResult("""["birthDate"]""", """{"missing": [["age", "birthDate"]]}""", """{"age": 12}""");

    [Fact]
    public void Missing_counts_zero_and_false_as_set() =>
        AssertResult("[]", """{"missing": ["age", "hasLawyer"]}""", """{"age": 0, "hasLawyer": false}""");

    [Fact]
    public void Missing_some_is_empty_when_enough_variables_are_set() =>
        AssertResult("[]", """{"missing_some": [1, ["phone", "email"]]}""", """{"email": "a@b.fr"}""");

    [Fact]
    public void Missing_some_lists_the_missing_variables_when_too_few_are_set() =>
        AssertResult("""["phone", "address"]""", """{"missing_some": [2, ["phone", "email", "address"]]}""", """{"email": "a@b.fr"}""");
}
