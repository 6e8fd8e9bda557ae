using static Pathway.Workflows.Tests.Conditions.Evaluation;

namespace Pathway.Workflows.Tests.Conditions;

public class ComparisonTests
{
    [Theory]
    [InlineData("""[1, 1.0]""", "true")]
    [InlineData("""[1, 2]""", "false")]
    [InlineData("""["moyen", "moyen"]""", "true")]
    [InlineData("""["moyen", "Moyen"]""", "false")]
    [InlineData("""[true, true]""", "true")]
    [InlineData("""[null, null]""", "true")]
    public void Equality_compares_values_of_the_same_type(string operands, string expected) =>
        AssertResult(expected, $$"""{"==": {{operands}}}""");

    [Fact]
    public void Equality_compares_strings_code_unit_by_code_unit() =>
        AssertResult("false", """{"==": ["\u00e9", "e\u0301"]}""");

    [Theory]
    [InlineData("""[1, "1"]""")]
    [InlineData("""[12, " 12 "]""")]
    [InlineData("""[0, ""]""")]
    [InlineData("""[16, "0x10"]""")]
    public void Loose_equality_converts_a_numeric_string_to_a_number(string operands) =>
        AssertResult("true", $$"""{"==": {{operands}}}""");

    [Theory]
    [InlineData("""[true, 1]""")]
    [InlineData("""[false, "0"]""")]
    public void Loose_equality_converts_booleans_to_numbers(string operands) =>
        AssertResult("true", $$"""{"==": {{operands}}}""");

    [Theory]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("false")]
    public void Null_is_loosely_equal_to_null_only(string other) => AssertResult("false", $$"""{"==": [null, {{other}}]}""");

    [Fact]
    public void An_unset_variable_equals_null() => AssertResult("true", """{"==": [{"var": "birthDate"}, null]}""");

    [Fact]
    public void Arrays_are_never_equal() => AssertResult("false", """{"==": [[1], [1]]}""");

    [Theory]
    [InlineData("""[1, 1]""", "true")]
    [InlineData("""[1, "1"]""", "false")]
    [InlineData("""[null, 0]""", "false")]
    public void Strict_equality_also_requires_the_same_type(string operands, string expected) =>
        AssertResult(expected, $$"""{"===": {{operands}}}""");

    [Theory]
    [InlineData("""[1, "1"]""", "false")]
    [InlineData("""[1, 2]""", "true")]
    public void Not_equal_negates_loose_equality(string operands, string expected) =>
        AssertResult(expected, $$"""{"!=": {{operands}}}""");

    [Theory]
    [InlineData("""[1, "1"]""", "true")]
    [InlineData("""[1, 1]""", "false")]
    public void Strict_not_equal_negates_strict_equality(string operands, string expected) =>
        AssertResult(expected, $$"""{"!==": {{operands}}}""");

    [Theory]
    [InlineData("<", "false", "false", "true")]
    [InlineData("<=", "false", "true", "true")]
    [InlineData(">", "true", "false", "false")]
    [InlineData(">=", "true", "true", "false")]
    public void Numbers_are_ordered_by_value(string op, string whenGreater, string whenEqual, string whenLess)
    {
        AssertResult(whenGreater, $$"""{"{{op}}": [15, 9]}""");
        AssertResult(whenEqual, $$"""{"{{op}}": [15, 15.0]}""");
        AssertResult(whenLess, $$"""{"{{op}}": [9, 15]}""");
    }

    [Theory]
    [InlineData("""["B", "a"]""")]
    [InlineData("""["10", "9"]""")]
    [InlineData("""["moyen", "moyenne"]""")]
    public void Strings_are_ordered_code_unit_by_code_unit(string operands) => AssertResult("true", $$"""{"<": {{operands}}}""");

    [Fact]
    public void Iso_dates_compare_correctly_as_strings()
    {
        const string variables = """{"birthDate": "2012-09-30", "reportDate": "2012-10-01"}""";
        AssertResult("true", """{"<": [{"var": "birthDate"}, {"var": "reportDate"}]}""", variables);
        AssertResult("true", """{">=": [{"var": "reportDate"}, "2012-10-01"]}""", variables);
        AssertResult("false", """{">": [{"var": "birthDate"}, "2013-01-01"]}""", variables);
    }

    [Fact]
    public void A_number_and_a_numeric_string_are_ordered_as_numbers() => AssertResult("true", """{"<": [9, "10"]}""");

    [Theory]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData(">=")]
    public void Ordering_a_number_and_a_string_that_is_not_a_number_is_always_false(string op) =>
        AssertResult("false", $$"""{"{{op}}": [1, "abc"]}""");

    [Theory]
    [InlineData("1", "false")]
    [InlineData("2", "true")]
    [InlineData("3", "false")]
    public void Between_with_less_than_excludes_its_bounds(string value, string expected) =>
        AssertResult(expected, $$"""{"<": [1, {{value}}, 3]}""");

    [Theory]
    [InlineData("0", "false")]
    [InlineData("1", "true")]
    [InlineData("3", "true")]
    [InlineData("4", "false")]
    public void Between_with_less_or_equal_includes_its_bounds(string value, string expected) =>
        AssertResult(expected, $$"""{"<=": [1, {{value}}, 3]}""");

    [Theory]
    [InlineData("2011-12-31", "false")]
    [InlineData("2012-01-01", "true")]
    [InlineData("2012-12-31", "true")]
    [InlineData("2013-01-01", "false")]
    public void Between_works_on_dates(string date, string expected) =>
        AssertResult(expected, """{"<=": ["2012-01-01", {"var": "birthDate"}, "2012-12-31"]}""", $$"""{"birthDate": "{{date}}"}""");
}
