using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Conditions;
using static Pathway.Workflows.Tests.Conditions.Checking;

namespace Pathway.Workflows.Tests.Conditions;

/// <summary>
/// <c>working-day</c>: whether a date is a « jour ouvré » of the deployment's calendar, or the n-th one from it. The
/// expected dates are counted by hand on the 2026 calendar: Good Friday 3 April (Alsace-Moselle only), Easter Monday
/// 6 April, 8 May a Friday, Ascension Thursday 14 May, Christmas a Friday.
/// </summary>
public class WorkingDayOperatorTests
{
    private static readonly DeploymentCalendar AlsaceMoselle = new(Territory.AlsaceMoselle);

    private static JsonNode? Evaluate(string rule, DeploymentCalendar? calendar = null, string variables = "{}")
    {
        var values = JsonNode.Parse(variables)!.AsObject();
        return JsonLogic.Evaluate(JsonNode.Parse(rule), name => values[name], budget: null, new LocalDate(2026, 12, 3),
            calendar ?? DeploymentCalendar.Metropole);
    }

    [Theory]
    [InlineData("2026-05-13", true)]  // a Wednesday
    [InlineData("2026-05-14", false)] // Ascension
    [InlineData("2026-05-08", false)] // Victoire 1945, a Friday
    [InlineData("2026-12-05", false)] // a Saturday: « ouvrable », not « ouvré »
    [InlineData("2026-12-06", false)] // a Sunday
    public void Working_day_tells_whether_a_date_is_a_working_day_of_metropolitan_France(string date, bool expected) =>
        Assert.Equal(expected, Evaluate($$"""{"working-day": ["{{date}}"]}""")!.GetValue<bool>());

    [Fact]
    public void Working_day_counts_the_territory_and_the_deployments_own_non_working_days()
    {
        Assert.True(Evaluate("""{"working-day": ["2026-04-03"]}""")!.GetValue<bool>());
        Assert.False(Evaluate("""{"working-day": ["2026-04-03"]}""", AlsaceMoselle)!.GetValue<bool>());
        var withALocalDay = new DeploymentCalendar(Territory.Metropole, [new LocalDate(2026, 6, 1)]);
        Assert.False(Evaluate("""{"working-day": ["2026-06-01"]}""", withALocalDay)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("2026-05-13", 1, "2026-05-15")]  // over Ascension
    [InlineData("2026-05-07", 1, "2026-05-11")]  // over 8 May and the weekend
    [InlineData("2026-12-24", 1, "2026-12-28")]  // over Christmas and the weekend
    [InlineData("2026-12-24", 5, "2027-01-04")]  // 28 to 31 December, then 1 January (a holiday) and the weekend
    [InlineData("2026-05-15", -1, "2026-05-13")] // back over Ascension
    [InlineData("2026-05-14", 0, "2026-05-15")]  // 0: the date itself, or the next working day
    [InlineData("2026-05-13", 0, "2026-05-13")]
    public void Working_day_with_a_count_gives_the_nth_working_day_from_a_date_which_itself_never_counts(string date, int count, string expected) =>
        Assert.Equal(expected, Evaluate($$"""{"working-day": ["{{date}}", {{count}}]}""")!.GetValue<string>());

    [Fact]
    public void Working_day_counts_on_the_deployments_territory()
    {
        Assert.Equal("2026-04-03", Evaluate("""{"working-day": ["2026-04-02", 1]}""")!.GetValue<string>());
        Assert.Equal("2026-04-07", Evaluate("""{"working-day": ["2026-04-02", 1]}""", AlsaceMoselle)!.GetValue<string>());
    }

    [Fact]
    public void Working_day_of_an_unset_date_or_a_count_that_is_not_whole_is_null()
    {
        Assert.Null(Evaluate("""{"working-day": [{"var": "hearingDate"}]}""", variables: """{"hearingDate": null}"""));
        Assert.Null(Evaluate("""{"working-day": ["2026-05-13", 1.5]}"""));
        Assert.Null(Evaluate("""{"working-day": ["2026-05-13", 100000]}"""));
        Assert.Null(Evaluate("""{"working-day": ["1500-05-13", 1]}"""));
    }

    [Fact]
    public void Working_day_without_a_calendar_is_an_error_not_a_guess() =>
        Assert.Throws<JsonLogicException>(() =>
            JsonLogic.Evaluate(JsonNode.Parse("""{"working-day": ["2026-05-13"]}"""), _ => null, budget: null, new LocalDate(2026, 12, 3)));

    [Fact]
    public void Working_day_is_a_boolean_alone_and_a_date_with_a_count()
    {
        Assert.Equal(LogicType.Boolean, TypeOf("""{"working-day": [{"today": []}]}"""));
        Assert.Equal(LogicType.Date, TypeOf("""{"working-day": [{"var": "birthDate"}, 2]}"""));
        Assert.Equal(LogicType.Boolean, TypeOf("""{"<": [{"working-day": [{"today": []}, -8]}, {"var": "birthDate"}]}"""));
        Assert.True(JsonLogic.UsesPathwayOwnOperators(JsonNode.Parse("""{"!": {"working-day": [{"today": []}]}}""")));
    }

    [Fact]
    public void Working_day_of_a_number_is_reported_at_the_number() => AssertSingleError(
        """{"working-day": [{"var": "age"}]}""",
        At + "/working-day/0", "condition.type-mismatch", "Operator 'working-day' takes a date, not variable 'age' (number).");

    [Fact]
    public void Working_day_counts_a_number_not_a_period() => AssertSingleError(
        """{"working-day": [{"today": []}, "P2D"]}""",
        At + "/working-day/1", "condition.type-mismatch", "Operator 'working-day' counts a number of working days, not the text 'P2D'.");

    [Fact]
    public void Working_day_counts_whole_days() => AssertSingleError(
        """{"working-day": [{"today": []}, 1.5]}""",
        At + "/working-day/1", "condition.invalid-count",
        "Operator 'working-day' counts a whole number of working days, at most 10000 either way, not 1.5.");

    [Fact]
    public void Working_day_takes_a_date_and_at_most_a_count() => AssertSingleError(
        """{"working-day": ["2026-05-13", 1, 2]}""", At + "/working-day", "condition.malformed", "Operator 'working-day' takes 1 or 2 arguments, not 3.");
}
