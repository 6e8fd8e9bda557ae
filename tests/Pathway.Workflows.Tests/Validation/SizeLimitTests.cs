using System.Text.Json.Nodes;
using Pathway.Testing;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Tests.Schema;
using Pathway.Workflows.Validation;
using static Pathway.Workflows.Validation.DefinitionLimits;

namespace Pathway.Workflows.Tests.Validation;

/// <summary>
/// What a definition may cost (<see cref="DefinitionLimits"/>), checked like every other rule, at load and at
/// publish: each variant of <c>valid/care-pathway.json</c> here gets exactly the error of its limit.
/// </summary>
public sealed class SizeLimitTests
{
    private const string Assess = "/activities/1/inputs/condition";

    [Fact]
    public void A_condition_over_the_size_limit_is_refused_at_its_pointer()
    {
        var errors = Validate(WithAssessCondition(CostlyDefinitions.FalseCondition(MaxLogicNodesPerActivity + 1, "age")));

        Assert.Equal([new ValidationError(Assess, "condition.too-large",
            "With this rule, activity 'assess' evaluates 1,001 JSON Logic nodes; the conditions and expressions of one activity may have at most 1,000 in all.")],
            errors);
    }

    [Fact]
    public void A_condition_at_the_size_limit_is_accepted()
    {
        Assert.Empty(Validate(WithAssessCondition(CostlyDefinitions.FalseCondition(MaxLogicNodesPerActivity, "age"))));
    }

    [Fact]
    public void A_decision_of_50000_terms_is_refused()
    {
        var error = Assert.Single(Validate(WithAssessCondition(CostlyDefinitions.FalseCondition(250_002, "age"))));

        Assert.Equal((Assess, "condition.too-large"), (error.Pointer, error.Code));
        Assert.Contains("evaluates 250,002 JSON Logic nodes", error.Message);
    }

    [Fact]
    public void The_cases_of_a_switch_count_together_and_the_case_that_goes_over_is_pointed_at()
    {
        // Ten cases of 100 values, then an eleventh of 3.
        var errors = Examples.Validator.Validate(CostlyDefinitions.HeaviestActivity(MaxLogicNodesPerActivity + 3));

        Assert.Equal([new ValidationError("/activities/1/inputs/cases/10/condition", "condition.too-large",
            "With this rule, activity 'switch' evaluates 1,003 JSON Logic nodes; the conditions and expressions of one activity may have at most 1,000 in all.")],
            errors);
    }

    [Fact]
    public void A_condition_nested_too_deep_is_refused_at_its_first_node_too_deep()
    {
        // {"==": [{"var": "danger"}, true]} is 4 levels deep (the name "danger" is the fourth); each "!" adds one.
        var errors = Validate(WithAssessCondition(Negated(MaxLogicDepth - 4 + 1)));

        Assert.Equal([new ValidationError(Assess + string.Concat(Enumerable.Repeat("/!", MaxLogicDepth - 3)) + "/==/0/var",
            "condition.too-deep", "This rule nests more than 32 levels deep; split it or simplify it.")], errors);
    }

    [Fact]
    public void A_condition_at_the_depth_limit_is_accepted()
    {
        Assert.Empty(Validate(WithAssessCondition(Negated(MaxLogicDepth - 4))));
    }

    [Fact]
    public void A_definition_with_too_many_activities_is_refused_without_further_checks()
    {
        var definition = CarePathway();
        var extra = Enumerable.Range(0, MaxActivities + 1 - definition.Activities.Count)
            .Select(i => new ActivityNode { Id = $"orphan-{i}", Type = "SetVariable", Inputs = new JsonObject { ["variable"] = "age", ["value"] = i } });

        // Each orphan is also unreachable and cannot reach an end; only the size is reported.
        var errors = Examples.Validator.Validate(definition with { Activities = [.. definition.Activities, .. extra] });

        Assert.Equal([new ValidationError("/activities", "definition.too-many-activities",
            "The definition has 1,001 activities; a definition may have at most 1,000.")], errors);
    }

    [Fact]
    public void A_definition_with_too_many_connections_is_refused_without_further_checks()
    {
        var definition = CarePathway();
        var extra = Enumerable.Range(0, MaxConnections + 1 - definition.Connections.Count)
            .Select(_ => definition.Connections[0]);

        // Each copy is also a duplicate outcome; only the size is reported.
        var errors = Examples.Validator.Validate(definition with { Connections = [.. definition.Connections, .. extra] });

        Assert.Equal([new ValidationError("/connections", "definition.too-many-connections",
            "The definition has 2,001 connections; a definition may have at most 2,000.")], errors);
    }

    [Fact]
    public void A_definition_whose_rules_are_too_large_in_all_is_refused_at_the_rule_that_goes_over()
    {
        // 49 SetVariables of one literal each, a Fork, then Decisions of 1,000 values: the 20th goes over 20,000.
        var definition = CostlyDefinitions.Widest(activities: 100, connections: MaxConnections, logicNodes: int.MaxValue, conditionNodes: 1_000);

        var errors = Examples.Validator.Validate(definition);

        Assert.Equal([new ValidationError("/activities/70/inputs/condition", "definition.too-much-logic",
            "With this rule, the definition's conditions and expressions have 20,049 JSON Logic nodes; a definition may have at most 20,000 in all.")],
            errors);
    }

    [Theory]
    [InlineData("definitions/minor-protection-pathway/v1.json")]
    [InlineData("definitions/minor-protection-pathway/v2.json")]
    public void The_protocol_pathway_uses_a_small_fraction_of_every_limit(string path)
    {
        var (definition, errors) = Examples.Validator.ValidateJson(File.ReadAllText(Repository.PathOf(path)));
        Assert.Empty(errors);

        var rules = definition!.Activities.SelectMany(a => a.Inputs)
            .Where(input => input.Key is "condition" or "value" or "correlationKey" or "cases").Select(input => input.Value).ToList();
        Assert.True(definition.Activities.Count * 4 <= MaxActivities, $"{definition.Activities.Count} activities");
        Assert.True(definition.Connections.Count * 4 <= MaxConnections, $"{definition.Connections.Count} connections");
        Assert.True(rules.Sum(Nodes) * 20 <= MaxLogicNodesPerDefinition, $"{rules.Sum(Nodes)} nodes in all");
        Assert.All(rules, rule => Assert.True(Nodes(rule) * 20 <= MaxLogicNodesPerActivity, $"{Nodes(rule)} nodes"));
        Assert.All(rules, rule => Assert.True(Depth(rule) * 4 <= MaxLogicDepth, $"{Depth(rule)} levels"));
    }

    private static int Nodes(JsonNode? node) => 1 + node switch
    {
        JsonObject operation => operation.Sum(p => Nodes(p.Value)),
        JsonArray array => array.Sum(Nodes),
        _ => 0,
    };

    private static int Depth(JsonNode? node) => 1 + node switch
    {
        JsonObject { Count: > 0 } operation => operation.Max(p => Depth(p.Value)),
        JsonArray { Count: > 0 } array => array.Max(Depth),
        _ => 0,
    };

    /// <summary><c>{"==": [{"var": "danger"}, true]}</c> under <paramref name="count"/> negations.</summary>
    private static JsonNode Negated(int count)
    {
        var rule = CostlyDefinitions.Rule("""{"==": [{"var": "danger"}, true]}""");
        for (var i = 0; i < count; i++) rule = new JsonObject { ["!"] = rule };
        return rule;
    }

    private static WorkflowDefinition CarePathway() => DefinitionJson.Deserialize(Examples.Read("valid", "care-pathway"));

    private static WorkflowDefinition WithAssessCondition(JsonNode condition)
    {
        var definition = CarePathway();
        var assess = definition.Activities[1];
        Assert.Equal("assess", assess.Id);
        return definition with
        {
            Activities = [.. definition.Activities.Select(a => a == assess ? a with { Inputs = new JsonObject { ["condition"] = condition } } : a)],
        };
    }

    /// <summary>Validated from text, as at publish.</summary>
    private static IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition) =>
        Examples.Validator.ValidateJson(DefinitionJson.Serialize(definition)).Errors;
}
