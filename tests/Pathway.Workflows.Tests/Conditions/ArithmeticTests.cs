using static Pathway.Workflows.Tests.Conditions.Evaluation;

namespace Pathway.Workflows.Tests.Conditions;

public class ArithmeticTests
{
    [Fact]
    public void Addition_sums_all_its_operands() => AssertResult("10", """{"+": [1, 2, 3, 4]}""");

    [Fact]
    public void Addition_of_one_operand_reads_a_string_as_a_number() => AssertResult("3.14", """{"+": ["3.14"]}""");

    [Fact]
    public void Subtraction_of_one_operand_negates_it() => AssertResult("-2", """{"-": [2]}""");

    [Fact]
    public void Subtraction_takes_the_second_operand_from_the_first() => AssertResult("15", """{"-": [{"var": "age"}, 3]}""", """{"age": 18}""");

    [Fact]
    public void Multiplication_multiplies_all_its_operands() => AssertResult("24", """{"*": [2, 3, 4]}""");

    [Fact]
    public void Multiplication_of_one_operand_returns_it_unchanged() => AssertResult("7", """{"*": [7]}""");

    [Fact]
    public void Division_divides_the_first_operand_by_the_second() => AssertResult("2.5", """{"/": [5, 2]}""");

    [Theory]
    [InlineData("""[1, 0]""")]
    [InlineData("""[0, 0]""")]
    public void A_result_that_json_cannot_write_is_null(string operands) => AssertResult("null", $$"""{"/": {{operands}}}""");

    [Fact]
    public void Remainder_has_the_sign_of_the_dividend() => AssertResult("-1", """{"%": [-7, 3]}""");

    [Fact]
    public void Max_picks_the_greatest_operand() => AssertResult("9", """{"max": [3, 9, -1]}""");

    [Fact]
    public void Min_picks_the_smallest_operand() => AssertResult("-1", """{"min": [3, 9, -1]}""");

    [Fact]
    public void Max_is_null_when_an_operand_is_not_a_number() => AssertResult("null", """{"max": [3, "beaucoup"]}""");

    [Fact]
    public void Arithmetic_on_an_unset_variable_reads_it_as_zero() => AssertResult("3", """{"-": [3, {"var": "age"}]}""");
}
