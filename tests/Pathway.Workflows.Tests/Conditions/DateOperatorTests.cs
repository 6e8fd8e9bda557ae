using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.Conditions;
using static Pathway.Workflows.Tests.Conditions.Checking;

namespace Pathway.Workflows.Tests.Conditions;

/// <summary>Pathway's own date operators: evaluated on the step's date, never the machine's clock, and checked at publish.</summary>
public class DateOperatorTests
{
    private static readonly LocalDate Today = new(2026, 12, 3);

    private static JsonNode? Evaluate(string rule, string variables = "{}", LocalDate? today = null)
    {
        var values = JsonNode.Parse(variables)!.AsObject();
        return JsonLogic.Evaluate(JsonNode.Parse(rule), name => values[name], budget: null, today ?? Today);
    }

    private static void AssertResult(string expected, string rule, string variables = "{}") =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), Evaluate(rule, variables)),
            $"{rule}: expected {expected}, got {Evaluate(rule, variables)?.ToJsonString() ?? "null"}.");

    [Fact]
    public void Today_is_the_date_the_evaluation_is_given()
    {
        AssertResult("\"2026-12-03\"", """{"today": []}""");
        Assert.Equal("2027-01-01", Evaluate("""{"today": []}""", today: new LocalDate(2027, 1, 1))?.GetValue<string>());
    }

    [Fact]
    public void Today_without_a_date_is_an_error_not_the_machine_clock() =>
        Assert.Throws<JsonLogicException>(() => JsonLogic.Evaluate(JsonNode.Parse("""{"today": []}"""), _ => null));

    [Theory]
    [InlineData("2026-01-31", "P1M", "2026-02-28")]
    [InlineData("2024-01-31", "P1M", "2024-02-29")]
    [InlineData("2024-02-29", "P1Y", "2025-02-28")]
    [InlineData("2026-12-03", "-P8D", "2026-11-25")]
    [InlineData("2026-12-03", "P2W", "2026-12-17")]
    [InlineData("2010-05-15", "P17Y", "2027-05-15")]
    [InlineData("2026-03-31", "-P1M", "2026-02-28")]
    public void Date_add_moves_a_date_by_a_period_clamping_to_the_month_end(string date, string period, string expected) =>
        AssertResult($"\"{expected}\"", $$"""{"date-add": ["{{date}}", "{{period}}"]}""");

    [Fact]
    public void Date_add_of_an_unset_date_or_a_bad_period_is_null()
    {
        AssertResult("null", """{"date-add": [{"var": "birthDate"}, "P1Y"]}""", """{"birthDate": null}""");
        AssertResult("null", """{"date-add": ["2026-12-03", "PT3H"]}""");
        AssertResult("null", """{"date-add": ["2026-12-03", "P1Z"]}""");
    }

    [Theory]
    [InlineData("2010-05-15", "2028-05-14", 17)]
    [InlineData("2010-05-15", "2028-05-15", 18)]
    [InlineData("2008-02-29", "2026-02-28", 18)]
    [InlineData("2008-02-29", "2026-03-01", 18)]
    [InlineData("2026-12-03", "2026-01-01", 0)]
    public void Age_at_counts_whole_years(string birth, string at, int expected) =>
        AssertResult(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), $$"""{"age-at": ["{{birth}}", "{{at}}"]}""");

    [Theory]
    [InlineData("2026-11-30", 1)]
    [InlineData("2026-12-03", 4)]
    [InlineData("2026-12-06", 7)]
    public void Day_of_week_is_iso_monday_one_to_sunday_seven(string date, int expected) =>
        AssertResult(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), $$"""{"day-of-week": ["{{date}}"]}""");

    [Fact]
    public void Dates_the_operators_give_order_with_the_usual_comparisons()
    {
        AssertResult("true", """{"<=": [{"date-add": [{"var": "birthDate"}, "P17Y"]}, {"today": []}]}""", """{"birthDate": "2009-12-03"}""");
        AssertResult("false", """{"<=": [{"date-add": [{"var": "birthDate"}, "P17Y"]}, {"today": []}]}""", """{"birthDate": "2009-12-04"}""");
        AssertResult("true", """{">=": [{"age-at": [{"var": "birthDate"}, {"today": []}]}, 16]}""", """{"birthDate": "2010-01-01"}""");
    }

    [Fact]
    public void The_date_operators_are_pathway_s_own_and_marked_so()
    {
        Assert.True(JsonLogic.UsesPathwayOwnOperators(JsonNode.Parse("""{"and": [true, {"<": [{"today": []}, "2027-01-01"]}]}""")));
        Assert.False(JsonLogic.UsesPathwayOwnOperators(JsonNode.Parse("""{"<": [{"var": "birthDate"}, "2027-01-01"]}""")));
    }

    [Fact]
    public void Well_typed_date_rules_have_no_errors()
    {
        Assert.Equal(LogicType.Date, TypeOf("""{"today": []}"""));
        Assert.Equal(LogicType.Date, TypeOf("""{"date-add": [{"var": "birthDate"}, "P17Y"]}"""));
        Assert.Equal(LogicType.Number, TypeOf("""{"age-at": [{"var": "birthDate"}, {"today": []}]}"""));
        Assert.Equal(LogicType.Number, TypeOf("""{"day-of-week": [{"date-add": [{"today": []}, "-P8D"]}]}"""));
        Assert.Equal(LogicType.Boolean, TypeOf("""{"<": [{"date-add": [{"var": "birthDate"}, "P18Y"]}, {"today": []}]}"""));
    }

    [Fact]
    public void Date_add_of_a_number_is_reported_at_the_number() => AssertSingleError(
        """{"<": [{"date-add": [{"var": "age"}, "P1Y"]}, {"today": []}]}""",
        At + "/</0/date-add/0", "condition.type-mismatch", "Operator 'date-add' takes a date, not variable 'age' (number).");

    [Fact]
    public void Date_add_of_a_number_of_days_is_reported_at_the_period() => AssertSingleError(
        """{"date-add": [{"var": "birthDate"}, 8]}""",
        At + "/date-add/1", "condition.type-mismatch", "Operator 'date-add' adds a period such as 'P1Y' or '-P8D', not a number.");

    [Fact]
    public void A_period_that_is_not_iso_is_reported() => AssertSingleError(
        """{"date-add": [{"var": "birthDate"}, "8 jours"]}""",
        At + "/date-add/1", "condition.invalid-period",
        "'8 jours' is not an ISO 8601 period of days, weeks, months or years such as 'P1Y', 'P6M' or '-P8D'.");

    [Fact]
    public void A_text_that_is_not_a_date_is_reported() => AssertSingleError(
        """{"age-at": [{"var": "birthDate"}, "2026-02-30"]}""",
        At + "/age-at/1", "condition.invalid-date", "'2026-02-30' is not a valid date written yyyy-MM-dd, so operator 'age-at' cannot take it.");

    [Fact]
    public void Comparing_a_computed_date_with_a_number_is_reported() => AssertSingleError(
        """{"<": [{"date-add": [{"var": "birthDate"}, "P1Y"]}, 5]}""",
        At + "/</1", "condition.type-mismatch", "Operator '<' cannot compare a date with a number.");

    [Fact]
    public void Today_takes_no_argument() => AssertSingleError(
        """{"today": ["2026-01-01"]}""", At + "/today", "condition.malformed", "Operator 'today' takes 0 arguments, not 1.");
}
