using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Pathway.Activities;
using Pathway.Testing;
using Pathway.Workflows.Activities;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Benchmarks;

/// <summary>
/// What one stimulus costs at worst: each scenario but the first spends the whole step budget (or, for the
/// largest definition, runs it once through). Target: every one well under a second of CPU.
/// </summary>
[MemoryDiagnoser]
public class StepBudgetBenchmark
{
    private static readonly ActivityCatalog Catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);
    private static readonly (string Needle, string Haystack) Search = CostlyDefinitions.AdversarialSearch(haystack: 65_536, needle: 2_048);

    /// <summary>The scenarios, by name: a definition and the variables a file starts with.</summary>
    public static readonly IReadOnlyDictionary<string, (WorkflowDefinition Definition, (string, JsonNode?)[] Variables)> Scenarios =
        new Dictionary<string, (WorkflowDefinition, (string, JsonNode?)[])>
        {
            ["counter loop, 5,000 turns (completes)"] = (CostlyDefinitions.CounterLoop(5_000), []),
            ["endless loop"] = (CostlyDefinitions.EndlessLoop(), []),
            ["loop over a 1,000-node condition"] = (CostlyDefinitions.LoopOverCondition(DefinitionLimits.MaxLogicNodesPerActivity), []),
            ["loop over a 50,000-term decision (unvalidated)"] = (CostlyDefinitions.LoopOverCondition(250_002), []),
            ["text doubled in a loop"] = (CostlyDefinitions.DoublingText(), []),
            ["adversarial search in a loop"] = (CostlyDefinitions.SearchLoop(), [("needle", Search.Needle), ("haystack", Search.Haystack)]),
            ["forks that multiply tokens"] = (CostlyDefinitions.MultiplyingForks(20), []),
            ["loop through a split"] = (CostlyDefinitions.LoopThroughSplit(5_000), []),
            ["largest valid definition, once through"] = (CostlyDefinitions.Widest(DefinitionLimits.MaxActivities,
                DefinitionLimits.MaxConnections, DefinitionLimits.MaxLogicNodesPerDefinition, conditionNodes: 39), []),
        };

    private readonly Interpreter _interpreter = new(SystemClock.Instance);
    private ExecutableDefinition _definition = null!;
    private StartFile _start = null!;

    [ParamsSource(nameof(Names))]
    public string Scenario { get; set; } = "";

    public static IEnumerable<string> Names => Scenarios.Keys;

    [GlobalSetup]
    public void Setup()
    {
        var (definition, variables) = Scenarios[Scenario];
        _definition = ExecutableDefinition.Compile(definition, Catalog);
        _start = new StartFile("start", "bench", variables.ToDictionary(v => v.Item1, v => v.Item2));
    }

    [Benchmark(Description = "one stimulus")]
    public StepResult RunOneStimulus() => _interpreter.Start(_definition, "file", _start);

    /// <summary>Units spent and outcome of each scenario, printed before the timings.</summary>
    public static void PrintUnits()
    {
        var interpreter = new Interpreter(SystemClock.Instance);
        Console.WriteLine($"{"scenario",-48} {"units",9}  outcome");
        foreach (var (name, (definition, variables)) in Scenarios)
        {
            var result = interpreter.Start(ExecutableDefinition.Compile(definition, Catalog), "file",
                new StartFile("start", "bench", variables.ToDictionary(v => v.Item1, v => v.Item2)));
            Console.WriteLine($"{name,-48} {result.WorkUnits,9:N0}  {result.State.Status}");
        }
    }
}
