using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Pathway.Activities;
using Pathway.Testing;
using Pathway.Workflows.ActivityModel;
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
            ["counter-loop-5000"] = (CostlyDefinitions.CounterLoop(5_000), []),
            ["endless-loop"] = (CostlyDefinitions.EndlessLoop(), []),
            ["condition-1000-nodes"] = (CostlyDefinitions.LoopOverCondition(DefinitionLimits.MaxLogicNodesPerActivity), []),
            ["decision-50000-terms"] = (CostlyDefinitions.LoopOverCondition(250_002), []),
            ["doubling-text"] = (CostlyDefinitions.DoublingText(), []),
            ["adversarial-search"] = (CostlyDefinitions.SearchLoop(), [("needle", Search.Needle), ("haystack", Search.Haystack)]),
            ["multiplying-forks"] = (CostlyDefinitions.MultiplyingForks(20), []),
            ["loop-through-split"] = (CostlyDefinitions.LoopThroughSplit(5_000), []),
            ["largest-valid-once"] = (CostlyDefinitions.Widest(DefinitionLimits.MaxActivities,
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

    /// <summary>
    /// Units spent, outcome and CPU time of each scenario, printed before BenchmarkDotNet's timings: CPU time
    /// (the process's, over 20 runs after 5 of warm-up) stays meaningful on a loaded machine, where wall time
    /// does not.
    /// </summary>
    public static void PrintUnits()
    {
        var interpreter = new Interpreter(SystemClock.Instance);
        Console.WriteLine($"{"scenario",-22} {"units",9}  {"outcome",-9}  CPU per stimulus");
        foreach (var (name, (definition, variables)) in Scenarios)
        {
            var compiled = ExecutableDefinition.Compile(definition, Catalog);
            var start = new StartFile("start", "bench", variables.ToDictionary(v => v.Item1, v => v.Item2));
            var result = interpreter.Start(compiled, "file", start);
            for (var i = 0; i < 5; i++) interpreter.Start(compiled, "file", start);
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            const int Runs = 20;
            for (var i = 0; i < Runs; i++) interpreter.Start(compiled, "file", start);
            process.Refresh();
            var cpu = (process.TotalProcessorTime - before).TotalMilliseconds / Runs;
            Console.WriteLine($"{name,-22} {result.WorkUnits,9:N0}  {result.State.Status,-9}  {cpu,6:F1} ms");
        }
    }
}
