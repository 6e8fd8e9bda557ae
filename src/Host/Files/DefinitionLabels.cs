using Pathway.Activities.Tasks;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Files;

/// <summary>A stage of the pathway: its id and French name.</summary>
public sealed record StageRef(string Id, string Label);

/// <summary>
/// The French words of the definition version a file runs on: its activities, stages, variables and outcomes. A file
/// is shown in the words of its own version, even when a later version renamed things.
/// </summary>
internal sealed class DefinitionLabels(ExecutableDefinition definition, ActivityCatalog catalog)
{
    public static async Task<DefinitionLabels> ForAsync(DefinitionStore store, ActivityCatalog catalog, PathwayDbContext context,
        string definitionId, int version, CancellationToken cancellationToken) =>
        new(await store.GetExecutableAsync(context, definitionId, version, cancellationToken), catalog);

    public WorkflowDefinition Definition => definition.Definition;

    public string? Activity(string? activityId)
    {
        if (activityId is null) return null;
        if (Node(activityId) is not { } node) return activityId;
        return node.Node.DisplayName ?? catalog.Find(node.Node.Type)?.DisplayName ?? activityId;
    }

    public StageRef Stage(string stageId) =>
        new(stageId, definition.Definition.Stages.FirstOrDefault(s => s.Id == stageId)?.Name ?? stageId);

    /// <summary>Stages in the order the definition lists them (the order of the pathway).</summary>
    public IReadOnlyList<StageRef> Stages(IEnumerable<string> stageIds)
    {
        var order = definition.Definition.Stages.Select(s => s.Id).ToList();
        return stageIds.OrderBy(id => order.IndexOf(id) is var i && i >= 0 ? i : int.MaxValue).ThenBy(id => id, StringComparer.Ordinal)
            .Select(Stage).ToList();
    }

    public StageRef? StageOf(string? activityId) => Node(activityId)?.Node.Stage is { } stage ? Stage(stage) : null;

    public string Variable(string name) => definition.Variables.GetValueOrDefault(name)?.Label ?? name;

    /// <summary>Whether a variable only takes values from a fixed list: such values say nothing about a person and
    /// may be shown; free text and dates may be personal data and are not.</summary>
    public bool IsChoice(string name) => definition.Variables.GetValueOrDefault(name)?.Type == VariableType.Choice;

    /// <summary>An outcome's label when its activity type declares one (« Refusée », « Oui »); otherwise its name.</summary>
    public string Outcome(string? activityId, string outcome) =>
        Node(activityId) is { } node && catalog.Find(node.Node.Type)?.Outcomes.FirstOrDefault(o => o.Name == outcome) is { } known
            ? known.Label : outcome;

    /// <summary>What a partner task asks, in the definition's words (its activity's name for any other activity).</summary>
    public string TaskTitle(string activityId) => Node(activityId)?.Activity switch
    {
        PartnerTask task => task.Title,
        ForEachPartner tasks => tasks.Title,
        _ => Activity(activityId) ?? activityId,
    };

    /// <summary>The reason an Escalate activity gives for its alert.</summary>
    public string? EscalateReason(string activityId) => Node(activityId)?.Activity is Escalate escalate ? escalate.Reason : null;

    /// <summary>The identity variables a partner task declares for its partner (<c>fields</c>).</summary>
    public IReadOnlyList<string> TaskFields(string activityId) => Node(activityId)?.Activity switch
    {
        PartnerTask task => task.Fields ?? [],
        ForEachPartner tasks => tasks.Fields ?? [],
        _ => [],
    };

    private ExecutableNode? Node(string? activityId)
    {
        if (activityId is null) return null;
        try
        {
            return definition[activityId];
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }
}
