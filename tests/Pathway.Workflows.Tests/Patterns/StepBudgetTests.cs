using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Testing;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Infrastructure;
using Pathway.Workflows.Tests.Validation;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>
/// One budget of work units per stimulus (<see cref="StepBudget"/>): activity runs and JSON Logic nodes count
/// against it, so a legitimate loop completes while endless loops and loops over large conditions fault quickly.
/// Every definition here is valid: the budget stops what validation cannot see, repetition.
/// </summary>
public sealed class StepBudgetTests
{
    private const string Exceeded = "more than 200,000 work units in one stimulus (an endless loop, or a loop over too large a condition?)";

    private readonly Interpreter _interpreter = new(new FakeClock(Instant.FromUtc(2026, 7, 10, 8, 0)));

    [Fact]
    public void A_step_spends_ten_units_per_activity_run_and_one_per_node_evaluated()
    {
        // Start, then 3 turns of Decision and SetVariable (3 nodes each), then the last Decision and the End.
        var result = Start(CostlyDefinitions.CounterLoop(3));

        Assert.Equal(FileStatus.Completed, result.State.Status);
        Assert.Equal(10 + 3 * (10 + 3 + 10 + 3) + (10 + 3) + 10, result.WorkUnits);
    }

    [Fact]
    public void An_automatic_loop_of_5000_iterations_completes_in_one_stimulus()
    {
        var result = Start(CostlyDefinitions.CounterLoop(5_000));

        Assert.Equal(FileStatus.Completed, result.State.Status);
        Assert.Equal(5_000d, result.State.Variables["i"]!.GetValue<double>());
        Assert.Equal(5_000, result.Journal.Count(e => e.Kind == JournalKinds.ActivityCompleted && e.ActivityId == "count"));
        // 26 units per iteration: the loop uses two thirds of the budget.
        Assert.InRange(result.WorkUnits, 130_000, 131_000);
    }

    [Fact]
    public void An_endless_loop_faults_the_file_when_the_budget_runs_out()
    {
        var result = Start(CostlyDefinitions.EndlessLoop());

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal(Exceeded, result.State.Fault);
        Assert.Empty(result.State.Tokens);
        Assert.Empty(result.Effects);
        var fault = Assert.Single(result.Journal, e => e.Kind == JournalKinds.FileFaulted);
        Assert.True(fault.ActivityId is "more" or "count");
        // Stopped at the unit that went over, not after it: about 7,700 turns of 26 units.
        Assert.InRange(result.WorkUnits, StepBudget.UnitsPerStimulus + 1, StepBudget.UnitsPerStimulus + 20);
    }

    [Fact]
    public void A_condition_just_under_the_size_limit_evaluated_in_a_loop_faults_by_budget()
    {
        var definition = CostlyDefinitions.LoopOverCondition(DefinitionLimits.MaxLogicNodesPerActivity);
        Assert.Empty(Examples.Validator.Validate(definition));

        var result = Start(definition);

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal(Exceeded, result.State.Fault);
        Assert.Equal("more", result.Journal.Single(e => e.Kind == JournalKinds.FileFaulted).ActivityId);
    }

    [Fact]
    public void A_decision_of_50000_terms_published_before_the_limits_faults_on_its_second_evaluation()
    {
        // 50,000 comparisons: 250,002 JSON values, of which the evaluator visits 150,001 (names and argument
        // arrays are not visited). Refused by validation today; a file on an older version faults at once.
        var definition = CostlyDefinitions.LoopOverCondition(250_002);
        Assert.Contains(Examples.Validator.Validate(definition), e => e.Code == "condition.too-large");

        var result = Start(definition);

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal(Exceeded, result.State.Fault);
    }

    [Fact]
    public void A_text_doubled_in_a_loop_runs_out_of_budget_long_before_memory()
    {
        var result = Start(CostlyDefinitions.DoublingText());

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal(Exceeded, result.State.Fault);
        // Text costs a unit per 32 characters at each node that gives it: the budget runs out in 19 turns, the
        // text at a million characters; the last charge may be large.
        Assert.InRange(result.WorkUnits, StepBudget.UnitsPerStimulus + 1, 3L * StepBudget.UnitsPerStimulus);
        // Nothing of the step is kept: the file keeps the text it started with.
        Assert.Equal("ab", result.State.Variables["t"]!.GetValue<string>());
    }

    [Fact]
    public void Searching_a_long_text_in_another_is_charged_by_the_product_of_their_lengths()
    {
        var (needle, haystack) = CostlyDefinitions.AdversarialSearch(haystack: 65_536, needle: 32_768);
        var result = Start(CostlyDefinitions.SearchLoop(), ("needle", needle), ("haystack", haystack));

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal(Exceeded, result.State.Fault);
        // 65,536 × 32,768 / 4,096 = 524,288 units: one search is over the budget by itself.
        Assert.InRange(result.WorkUnits, 524_288, 600_000);
    }

    [Fact]
    public void Searching_a_word_in_a_note_costs_little()
    {
        var (_, haystack) = CostlyDefinitions.AdversarialSearch(haystack: 4_096, needle: 64);
        var result = Start(CostlyDefinitions.SearchLoop(), ("needle", "b"), ("haystack", haystack));

        Assert.Equal(FileStatus.Completed, result.State.Status);
        // Start, Decision (3 nodes, the haystack's 4,096 characters read once: 128, searched for one: 1), End.
        Assert.Equal(10 + 10 + 3 + 128 + 1 + 10, result.WorkUnits);
    }

    [Fact]
    public void Forks_that_multiply_tokens_fault_by_budget_though_the_definition_has_no_loop()
    {
        var definition = CostlyDefinitions.MultiplyingForks(20);
        Assert.Empty(Examples.Validator.Validate(definition));

        var result = Start(definition);

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal(Exceeded, result.State.Fault);
    }

    [Fact]
    public void A_loop_through_a_split_pays_for_the_scopes_it_nests()
    {
        var shallow = Start(CostlyDefinitions.LoopThroughSplit(100));
        var deep = Start(CostlyDefinitions.LoopThroughSplit(5_000));

        Assert.Equal(FileStatus.Completed, shallow.State.Status);
        Assert.Equal(FileStatus.Faulted, deep.State.Status);
        Assert.Equal(Exceeded, deep.State.Fault);
    }

    [Fact]
    public void The_costliest_activity_run_validation_allows_spends_at_most_its_logic_limit()
    {
        var definition = CostlyDefinitions.HeaviestActivity(DefinitionLimits.MaxLogicNodesPerActivity);
        Assert.Empty(Examples.Validator.Validate(definition));

        var result = Start(definition);

        Assert.Equal(FileStatus.Completed, result.State.Status);
        // Start, the Switch and its nodes, End: one run is half a percent of the budget.
        Assert.InRange(result.WorkUnits, 30, 30 + DefinitionLimits.MaxLogicNodesPerActivity);
        Assert.True(result.WorkUnits * 100 < StepBudget.UnitsPerStimulus, $"{result.WorkUnits} units");
    }

    [Fact]
    public void The_largest_definition_validation_allows_runs_once_through_on_a_fraction_of_the_budget()
    {
        var definition = CostlyDefinitions.Widest(DefinitionLimits.MaxActivities, DefinitionLimits.MaxConnections,
            DefinitionLimits.MaxLogicNodesPerDefinition, conditionNodes: 39);
        Assert.Equal(DefinitionLimits.MaxActivities, definition.Activities.Count);
        Assert.Empty(Examples.Validator.Validate(definition));

        var result = Start(definition);

        Assert.Equal(FileStatus.Completed, result.State.Status);
        Assert.True(result.WorkUnits * 4 < StepBudget.UnitsPerStimulus, $"{result.WorkUnits} units");
    }

    [Fact]
    public void The_budget_is_per_stimulus_so_a_loop_that_waits_at_each_turn_runs_for_ever()
    {
        var run = PatternRun.Start("wcp10-arbitrary-cycles");
        for (var turn = 0; turn < 20; turn++) run.Raise("hearing-held", new JsonObject { ["decision"] = "renew" });

        Assert.Equal(FileStatus.Running, run.Status);
        Assert.Equal(20d, run.State.Variables["renewals"]!.GetValue<double>());
        Assert.InRange(run.Last.WorkUnits, 1, 100);
    }

    private StepResult Start(WorkflowDefinition definition, params (string Name, JsonNode? Value)[] variables) =>
        _interpreter.Start(ExecutableDefinition.Compile(definition, PatternRun.Catalog), "file-1",
            new StartFile("s0", "test", variables.ToDictionary(v => v.Name, v => v.Value)));
}
