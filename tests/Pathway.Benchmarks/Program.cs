using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Pathway.Benchmarks;

// `interpreter`: BenchmarkDotNet on the in-memory interpreter.
// `postgres`: files committed on PostgreSQL against raw single-row INSERT commits, in the same run.
// `designer`: the designer opening a 200-activity definition in headless Chromium (needs src/Host built in Release).
// `replay`: a draft tried on 1,000 recorded files, in memory (target: under 10 s).
// `budget`: the worst a stimulus can cost, each scenario spending the whole step budget.
var verb = args.FirstOrDefault() ?? "interpreter";
switch (verb)
{
    case "interpreter":
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<InterpreterBenchmark>(config, args.Skip(1).ToArray());
        return 0;
    case "budget":
        StepBudgetBenchmark.PrintUnits();
        BenchmarkRunner.Run<StepBudgetBenchmark>(DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator), args.Skip(1).ToArray());
        return 0;
    case "replay":
        return ReplayBenchmark.Run(args.Skip(1).ToArray());
    case "postgres":
        return await CommittedFilesBenchmark.RunAsync(args.Skip(1).ToArray());
    case "designer":
        return await DesignerBenchmark.RunAsync(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine($"Unknown benchmark '{verb}'. Use: interpreter | budget | replay | postgres | designer");
        return 2;
}
