using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;

namespace Pathway.Benchmarks;

/// <summary>The benchmark's file: a 10-activity sequence (start, eight variable assignments, end).</summary>
internal static class SequenceDefinition
{
    public static WorkflowDefinition Create(string id = "bench-sequence", int version = 1)
    {
        var activities = new List<ActivityNode> { new() { Id = "start", Type = "Start" } };
        for (var i = 1; i <= 8; i++)
            activities.Add(new ActivityNode
            {
                Id = $"step-{i}", Type = "SetVariable",
                Inputs = new JsonObject { ["variable"] = "step", ["value"] = i },
            });
        activities.Add(new ActivityNode { Id = "end", Type = "End" });
        return new WorkflowDefinition
        {
            Id = id,
            Version = version,
            Name = "Séquence de 10 activités",
            Variables = [new VariableDefinition { Name = "step", Type = VariableType.Number, Default = 0 }],
            Activities = activities,
            Connections = activities.Zip(activities.Skip(1), (a, b) => new Connection { Source = a.Id, Outcome = "done", Target = b.Id }).ToList(),
        };
    }
}
