using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Tasks;

/// <summary>The checks a process owner gets on a partner task before it can be published.</summary>
public sealed class TaskValidationTests
{
    private static readonly DefinitionValidator Validator = new(PatternRun.Catalog, new Directory("parquet-difaje", "amicale-du-nid-93"));

    [Fact]
    public void The_specification_task_is_valid() => Assert.Empty(Validator.Validate(TaskSpec.Definition));

    [Theory]
    [InlineData("partner", "\"parquet\"", "/activities/1/inputs/partner", "partner.unknown",
        "Partner 'parquet' is not in the registry; known partners: amicale-du-nid-93, parquet-difaje.")]
    [InlineData("fields", "[\"prenom\", \"adresse\"]", "/activities/1/inputs/fields/1", "variable.unknown", "Variable 'adresse' is not declared.")]
    [InlineData("outcomes", "[\"opp\", \"classement\", \"declined\"]", "/activities/1/inputs/outcomes", "task.reserved-outcome",
        "Outcome 'declined' is reserved for a declined task.")]
    [InlineData("deadline", "{ \"duration\": \"P1M\", \"counting\": \"workingDays\" }", "/activities/1/inputs/deadline", "deadline.unit-not-counted",
        "Input 'deadline' counts working days, so its duration has days and weeks only, not P1M.")]
    [InlineData("deadline", "{ \"duration\": \"P1M\", \"counting\": \"workingDaysAndSaturdays\" }", "/activities/1/inputs/deadline", "deadline.unit-not-counted",
        "Input 'deadline' counts working days, so its duration has days and weeks only, not P1M.")]
    [InlineData("deadline", "{ \"duration\": \"P8D\", \"basis\": \"C. civ. 375-5\" }", "/activities/1/inputs/deadline", "input.wrong-type",
        "Input 'deadline' must be " + DeadlineJson.Shape + ".")]
    [InlineData("deadline", "{ \"duration\": \"P8D\", \"counting\": \"ouvrables\" }", "/activities/1/inputs/deadline", "input.wrong-type",
        "Input 'deadline' must be " + DeadlineJson.Shape + ".")]
    [InlineData("deadline", "{ \"duration\": \"P8D\", \"territory\": \"reunion\" }", "/activities/1/inputs/deadline", "input.wrong-type",
        "Input 'deadline' must be " + DeadlineJson.Shape + ".")]
    [InlineData("deadline", "{ \"duration\": \"P8D\", \"before\": \"dateNaissance\" }", "/activities/1/inputs/deadline", "input.wrong-type",
        "Input 'deadline' must be " + DeadlineJson.Shape + ".")]
    [InlineData("deadline", "{ \"duration\": \"P1Y\", \"before\": { \"variable\": \"dateNaissance\", \"plus\": \"PT18H\" } }", "/activities/1/inputs/deadline",
        "input.wrong-type", "Input 'deadline' must be " + DeadlineJson.Shape + ".")]
    [InlineData("deadline", "{ \"duration\": \"PT72H\", \"before\": { \"variable\": \"dateOpp\" } }", "/activities/1/inputs/deadline", "deadline.before-not-in-days",
        "Input 'deadline' is counted before an event, so its duration has no hours, minutes or seconds.")]
    [InlineData("deadline", "{ \"duration\": \"P8D\", \"before\": { \"variable\": \"dateOpp\" }, \"roll\": \"next\" }", "/activities/1/inputs/deadline",
        "deadline.roll-toward-event", "Input 'deadline' is counted before an event: its last day may move back ('previous') or stay ('none'), not forward.")]
    [InlineData("deadline", "{ \"duration\": \"PT72H\", \"roll\": \"none\" }", "/activities/1/inputs/deadline", "deadline.roll-on-elapsed-time",
        "Input 'deadline' is elapsed time (hours): it never moves to a working day, so it takes no 'roll'.")]
    [InlineData("deadline", "{ \"duration\": \"P8D\", \"before\": { \"variable\": \"audience\" } }", "/activities/1/inputs/deadline/before/variable",
        "variable.unknown", "Variable 'audience' is not declared.")]
    [InlineData("deadline", "{ \"duration\": \"P8D\", \"before\": { \"variable\": \"prenom\" } }", "/activities/1/inputs/deadline/before/variable",
        "deadline.before-not-a-date", "Variable 'prenom' is text, not a date: a deadline is counted back from a date.")]
    public void A_wrong_input_is_reported_where_it_is(string input, string value, string pointer, string code, string message)
    {
        var definition = WithInput(input, JsonNode.Parse(value));

        Assert.Equal([new ValidationError(pointer, code, message)], Validator.Validate(definition));
    }

    [Theory]
    [InlineData("{ \"duration\": \"P1Y\", \"before\": { \"variable\": \"dateNaissance\", \"plus\": \"P18Y\", \"event\": \"la majorité\" }, \"legalBasis\": \"CASF L222-5-1\" }")]
    [InlineData("{ \"duration\": \"P8D\", \"before\": { \"variable\": \"dateOpp\" }, \"roll\": \"none\" }")]
    [InlineData("{ \"duration\": \"P10D\", \"counting\": \"workingDaysAndSaturdays\", \"roll\": \"none\", \"territory\": \"alsaceMoselle\" }")]
    [InlineData("{ \"duration\": \"P2W\", \"counting\": \"workingDays\", \"territory\": \"laReunion\" }")]
    public void Deadlines_counted_back_from_a_date_on_any_calendar_are_valid(string deadline) =>
        Assert.Empty(Validator.Validate(WithInput("deadline", JsonNode.Parse(deadline))));

    [Fact]
    public void A_reminder_needs_a_deadline()
    {
        var definition = WithInput("deadline", null);

        Assert.Contains(new ValidationError("/activities/1/inputs/reminderBefore", "task.reminder-without-deadline", "A reminder needs a deadline."),
            Validator.Validate(definition));
    }

    private static WorkflowDefinition WithInput(string name, JsonNode? value)
    {
        var definition = TaskSpec.Definition;
        var task = definition.Activities[1];
        var inputs = task.Inputs.DeepClone().AsObject();
        if (value is null) inputs.Remove(name);
        else inputs[name] = value;
        return definition with { Activities = [definition.Activities[0], task with { Inputs = inputs }, .. definition.Activities.Skip(2)] };
    }

    private sealed class Directory(params string[] ids) : IPartnerDirectory
    {
        public bool Exists(string partnerId) => ids.Contains(partnerId);

        public IReadOnlyCollection<string> Ids => ids;
    }
}
