using BenchmarkDotNet.Attributes;
using NodaTime;
using Pathway.Activities;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Benchmarks;

/// <summary>One file of the 10-activity sequence interpreted in memory, from start to end. Target: ≤ 0.5 ms.</summary>
[MemoryDiagnoser]
public class InterpreterBenchmark
{
    private readonly Interpreter _interpreter = new(SystemClock.Instance);
    private readonly ExecutableDefinition _definition = ExecutableDefinition.Compile(
        SequenceDefinition.Create(), ActivityCatalog.FromAssemblies(ActivityAssembly.Instance));
    private readonly StartFile _start = new("start", "bench");

    [Benchmark(Description = "10-activity sequence, start to end, in memory")]
    public StepResult RunOneFile() => _interpreter.Start(_definition, "file", _start);
}
