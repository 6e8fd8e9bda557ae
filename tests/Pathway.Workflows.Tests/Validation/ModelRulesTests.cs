using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Validation;

/// <summary>Rules checked on a model built in code (as the publisher does), where no schema ran first.</summary>
public class ModelRulesTests
{
    [Fact]
    public void A_malformed_definition_id_is_reported()
    {
        var definition = Minimal() with { Id = "Care Pathway" };

        var errors = Examples.Validator.Validate(definition);

        Assert.Equal([new ValidationError("/id", "id.malformed",
            "Definition id 'Care Pathway' is not well-formed: use lower-case letters, digits and '-', starting with a letter or a digit.")], errors);
    }

    [Fact]
    public void A_malformed_activity_id_is_reported()
    {
        var definition = Minimal() with
        {
            Activities = [new ActivityNode { Id = "start", Type = "Start" }, new ActivityNode { Id = "the.end", Type = "End" }],
            Connections = [new Connection { Source = "start", Outcome = "done", Target = "the.end" }],
        };

        var errors = Examples.Validator.Validate(definition);

        Assert.Equal([new ValidationError("/activities/1/id", "id.malformed",
            "Activity id 'the.end' is not well-formed: use letters, digits, '-' and '_', starting with a letter.")], errors);
    }

    [Fact]
    public void A_join_of_a_switch_in_mode_first_says_to_set_mode_all()
    {
        var definition = Minimal() with
        {
            Variables = [new VariableDefinition { Name = "urgent", Type = VariableType.Boolean }],
            Activities =
            [
                new ActivityNode { Id = "start", Type = "Start" },
                new ActivityNode
                {
                    Id = "route", Type = "Switch",
                    Inputs = new JsonObject { ["cases"] = new JsonArray(new JsonObject { ["outcome"] = "urgent", ["condition"] = new JsonObject { ["var"] = "urgent" } }) },
                },
                new ActivityNode { Id = "join", Type = "Join", Inputs = new JsonObject { ["fork"] = "route" } },
                new ActivityNode { Id = "end", Type = "End" },
            ],
            Connections =
            [
                new Connection { Source = "start", Outcome = "done", Target = "route" },
                new Connection { Source = "route", Outcome = "urgent", Target = "join" },
                new Connection { Source = "route", Outcome = "default", Target = "join" },
                new Connection { Source = "join", Outcome = "done", Target = "end" },
            ],
        };

        var errors = Examples.Validator.Validate(definition);

        Assert.Equal([new ValidationError("/activities/2/inputs/fork", "join.not-a-split",
            "Join 'join' names 'route', a Switch in mode 'first' that starts a single branch: set its mode to 'all', or remove the join.")], errors);
    }

    [Fact]
    public void Branches_of_an_inner_split_must_meet_its_join_before_the_outer_join()
    {
        // outer: a, b; inner (in branch a): c → outer's join directly, d → inner's join → outer's join.
        var definition = Minimal() with
        {
            Activities =
            [
                new ActivityNode { Id = "start", Type = "Start" },
                Fork("outer", "a", "b"),
                Fork("inner", "c", "d"),
                new ActivityNode { Id = "inner-join", Type = "Join", Inputs = new JsonObject { ["fork"] = "inner" } },
                new ActivityNode { Id = "outer-join", Type = "Join", Inputs = new JsonObject { ["fork"] = "outer" } },
                new ActivityNode { Id = "end", Type = "End" },
            ],
            Connections =
            [
                new Connection { Source = "start", Outcome = "done", Target = "outer" },
                new Connection { Source = "outer", Outcome = "a", Target = "inner" },
                new Connection { Source = "outer", Outcome = "b", Target = "outer-join" },
                new Connection { Source = "inner", Outcome = "c", Target = "outer-join" },
                new Connection { Source = "inner", Outcome = "d", Target = "inner-join" },
                new Connection { Source = "inner-join", Outcome = "done", Target = "outer-join" },
                new Connection { Source = "outer-join", Outcome = "done", Target = "end" },
            ],
        };

        var errors = Examples.Validator.Validate(definition);

        Assert.Equal([new ValidationError("/activities/2", "join.crossed",
            "Branches of 'inner' reach the join 'outer-join' of 'outer' before their own join 'inner-join': splits must nest, so join 'inner' first.")], errors);
    }

    private static ActivityNode Fork(string id, params string[] branches) =>
        new() { Id = id, Type = "Fork", Inputs = new JsonObject { ["branches"] = new JsonArray(branches.Select(b => (JsonNode)b).ToArray()) } };

    private static WorkflowDefinition Minimal() => new()
    {
        Id = "minimal",
        Version = 1,
        Name = "Minimal",
        Activities = [new ActivityNode { Id = "start", Type = "Start" }, new ActivityNode { Id = "end", Type = "End" }],
        Connections = [new Connection { Source = "start", Outcome = "done", Target = "end" }],
    };
}
