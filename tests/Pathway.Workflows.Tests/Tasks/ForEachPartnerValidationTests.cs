using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Tasks;

/// <summary>The checks a process owner gets on a task asked of every partner of a list, before it can be published.</summary>
public sealed class ForEachPartnerValidationTests
{
    private static readonly DefinitionValidator Validator = new(PatternRun.Catalog, new Directory("crip-93", "pjj-93", "ase-93", "asteriia"));

    [Fact]
    public void The_pattern_definition_is_valid() => Assert.Empty(Validator.Validate(PatternRun.Load("wcp14-multiple-instances")));

    [Theory]
    [InlineData("partners", "[\"crip-93\", \"role:coordination\"]")]
    [InlineData("partners", "{ \"if\": [ { \"var\": \"motif\" }, [ \"crip-93\" ], [ \"pjj-93\" ] ] }")]
    [InlineData("quorum", "1")]
    public void These_inputs_are_valid(string input, string value) =>
        Assert.Empty(Validator.Validate(WithInput(input, JsonNode.Parse(value))));

    [Theory]
    [InlineData("partners", "{ \"var\": \"motif\" }", "/activities/1/inputs/partners", "multi.partners-not-a-list",
        "The partners to ask must be a list (a list variable, or partner ids written in brackets), not a text.")]
    [InlineData("partners", "\"crip-93\"", "/activities/1/inputs/partners", "multi.partners-not-a-list",
        "The partners to ask must be a list (a list variable, or partner ids written in brackets), not a text.")]
    [InlineData("partners", "[\"crip-93\", \"parquet\"]", "/activities/1/inputs/partners/1", "multi.unknown-partner",
        "Partner 'parquet' is not in the registry; known partners: ase-93, asteriia, crip-93, pjj-93.")]
    [InlineData("partners", "[\"crip-93\", 12]", "/activities/1/inputs/partners/1", "multi.addressee-not-text",
        "Each partner is named by its id, written as text.")]
    [InlineData("quorum", "0", "/activities/1/inputs/quorum", "multi.quorum-invalid", "The number of answers to wait for must be at least 1.")]
    [InlineData("results", "\"motif\"", "/activities/1/inputs/results", "multi.results-not-a-list",
        "Variable 'motif' is text: the answers are collected in a list variable.")]
    [InlineData("addedBy", "\" \"", "/activities/1/inputs/addedBy", "input.empty", "The event that adds partners needs a name.")]
    public void A_mistake_is_reported_where_it_is(string input, string value, string pointer, string code, string message) =>
        Assert.Equal([new ValidationError(pointer, code, message)], Validator.Validate(WithInput(input, JsonNode.Parse(value))));

    [Fact]
    public void A_reminder_needs_the_deadline()
    {
        Assert.Equal([new ValidationError("/activities/1/inputs/reminderBefore", "multi.reminder-without-deadline", "A reminder needs a deadline.")],
            Validator.Validate(WithInput("deadline", null)));
    }

    [Fact]
    public void Collected_fields_need_a_variable_for_the_answers()
    {
        Assert.Equal([new ValidationError("/activities/1/inputs/collect", "multi.collect-without-results",
                "Fields of the answers are kept only in a variable for the answers.")],
            Validator.Validate(WithInput("results", null)));
    }

    [Fact]
    public void A_list_variable_takes_a_list_and_nothing_else()
    {
        var definition = PatternRun.Load("wcp14-multiple-instances");
        var services = definition.Variables[0] with { Default = JsonNode.Parse("\"crip-93\"") };
        var errors = Validator.Validate(definition with { Variables = [services, .. definition.Variables.Skip(1)] });

        Assert.Equal([new ValidationError("/variables/0/default", "variable.default-wrong-type", "Variable 'services' takes a list value.")], errors);
    }

    private static WorkflowDefinition WithInput(string name, JsonNode? value)
    {
        var definition = PatternRun.Load("wcp14-multiple-instances");
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
