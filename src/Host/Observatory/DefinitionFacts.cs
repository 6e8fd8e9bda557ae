using Pathway.Workflows.Definitions;

namespace Pathway.Host.Observatory;

/// <summary>What the indicators need of one definition version: the stage of each activity, and which activities
/// receive a declared runaway.</summary>
internal sealed class DefinitionFacts
{
    private readonly Dictionary<string, string> _stageOf;
    private readonly HashSet<string> _runawayActivities;

    public DefinitionFacts(WorkflowDefinition definition)
    {
        Definition = definition;
        _stageOf = definition.Activities.Where(a => a.Stage is not null).ToDictionary(a => a.Id, a => a.Stage!, StringComparer.Ordinal);
        _runawayActivities = definition.Activities
            .Where(a => a.Type == "WaitForEvent" && a.Inputs["event"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                        && a.Inputs["event"]!.GetValue<string>() == PathwayVocabulary.RunawayEvent)
            .Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
    }

    public WorkflowDefinition Definition { get; }

    public string? StageOf(string? activityId) => activityId is null ? null : _stageOf.GetValueOrDefault(activityId);

    /// <summary>Completing such an activity means the runaway it waited for was declared.</summary>
    public bool ReceivesRunaway(string? activityId) => activityId is not null && _runawayActivities.Contains(activityId);
}
