using static Pathway.Workflows.Tests.Conditions.Evaluation;

namespace Pathway.Workflows.Tests.Conditions;

public class TextTests
{
    [Fact]
    public void In_finds_a_part_of_a_text() => AssertResult("true", """{"in": ["urgence", {"var": "notes"}]}""", """{"notes": "mise à l'abri en urgence"}""");

    [Fact]
    public void In_distinguishes_case() => AssertResult("false", """{"in": ["Urgence", "urgence"]}""");

    [Fact]
    public void In_finds_an_item_of_an_array() => AssertResult("true", """{"in": [{"var": "dangerLevel"}, ["moyen", "élevé"]]}""", """{"dangerLevel": "élevé"}""");

    [Fact]
    public void In_compares_array_items_strictly() => AssertResult("false", """{"in": [1, ["1", "2"]]}""");

    [Fact]
    public void Nothing_is_in_an_empty_text() => AssertResult("false", """{"in": ["", ""]}""");

    [Theory]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("true")]
    public void Nothing_is_in_a_value_that_is_neither_a_text_nor_an_array(string haystack) =>
        AssertResult("false", $$"""{"in": [1, {{haystack}}]}""");

    [Fact]
    public void Cat_joins_its_operands() => AssertResult("\"Dossier de Léa\"", """{"cat": ["Dossier de ", {"var": "firstName"}]}""", """{"firstName": "Léa"}""");

    [Theory]
    [InlineData("3.0", "3")]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("0.000001", "0.000001")]
    public void Cat_writes_numbers_as_javascript_does(string number, string expected) =>
        AssertResult($"\"{expected}\"", $$"""{"cat": [{{number}}]}""");

    [Fact]
    public void Cat_writes_the_sum_of_decimals_with_its_rounding_error() =>
        AssertResult("\"0.30000000000000004\"", """{"cat": [{"+": [0.1, 0.2]}]}""");

    [Fact]
    public void Cat_writes_booleans_as_words_and_null_as_nothing() => AssertResult("\"true-\"", """{"cat": [true, "-", null]}""");

    [Fact]
    public void Substr_keeps_the_text_from_a_start() => AssertResult("\"09-30\"", """{"substr": ["2012-09-30", 5]}""");

    [Fact]
    public void Substr_with_a_negative_start_counts_from_the_end() => AssertResult("\"30\"", """{"substr": ["2012-09-30", -2]}""");

    [Fact]
    public void Substr_takes_a_length() => AssertResult("\"2012\"", """{"substr": [{"var": "birthDate"}, 0, 4]}""", """{"birthDate": "2012-09-30"}""");

    [Fact]
    public void Substr_with_a_negative_length_leaves_characters_off_the_end() => AssertResult("\"2012-09\"", """{"substr": ["2012-09-30", 0, -3]}""");

    [Fact]
    public void Substr_beyond_the_end_gives_an_empty_text() => AssertResult("\"\"", """{"substr": ["abc", 10]}""");
}
