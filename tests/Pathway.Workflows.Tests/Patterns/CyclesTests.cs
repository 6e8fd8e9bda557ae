using System.Text.Json.Nodes;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>WCP-10: arbitrary cycles.</summary>
public sealed class CyclesTests
{
    [Fact]
    public void Wcp10_a_cycle_repeats_until_its_exit_condition_holds()
    {
        var run = PatternRun.Start("wcp10-arbitrary-cycles")
            .Raise("hearing-held", new JsonObject { ["decision"] = "renew" })
            .Raise("hearing-held", new JsonObject { ["decision"] = "renew" });
        Assert.Equal(["hearing"], run.Waiting);
        Assert.Equal(2, run.State.Variables["renewals"]!.GetValue<double>());

        run.Raise("hearing-held", new JsonObject { ["decision"] = "close" });

        Assert.Equal(FileStatus.Completed, run.Status);
        Assert.Equal(3, run.Completed.Count(a => a == "hearing"));
    }
}
