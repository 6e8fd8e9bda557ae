using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Versioning;

/// <summary>
/// Where the tokens waiting at each activity of the old version go in the new one. The owner's mapping wins; an
/// activity it does not name goes to the activity of the same id in the new version when that one has the same type
/// (the proposed default); a name mapped to null, or with no such default, has no target.
/// </summary>
public static class MigrationMapping
{
    /// <summary>The mapping to use for <paramref name="waitingAt"/>: the owner's entries, completed by the defaults.</summary>
    public static Dictionary<string, string?> Complete(IReadOnlyDictionary<string, string?>? owners, ExecutableDefinition from,
        ExecutableDefinition to, IEnumerable<string> waitingAt)
    {
        var mapping = new Dictionary<string, string?>(owners ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        foreach (var activity in waitingAt.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            if (!mapping.ContainsKey(activity)) mapping[activity] = Default(activity, from, to);
        return mapping;
    }

    /// <summary>The same id, if the new version has it with the same type.</summary>
    public static string? Default(string activityId, ExecutableDefinition from, ExecutableDefinition to) =>
        Find(to, activityId)?.Node.Type == Find(from, activityId)?.Node.Type && Find(to, activityId) is not null ? activityId : null;

    /// <summary>Entries naming an activity absent from its version, by the field the API reports them on.</summary>
    public static Dictionary<string, string[]> Problems(IReadOnlyDictionary<string, string?>? mapping, ExecutableDefinition from, ExecutableDefinition to)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (source, target) in mapping ?? new Dictionary<string, string?>())
        {
            var messages = new List<string>();
            if (Find(from, source) is null)
                messages.Add($"L'activité « {source} » n'existe pas dans la version {from.Definition.Version}.");
            if (target is not null && Find(to, target) is null)
                messages.Add($"L'activité « {target} » n'existe pas dans la version {to.Definition.Version}.");
            if (messages.Count > 0) problems[$"mapping.{source}"] = [.. messages];
        }

        return problems;
    }

    public static ExecutableNode? Find(ExecutableDefinition definition, string activityId) =>
        definition.Definition.Activities.Any(a => a.Id == activityId) ? definition[activityId] : null;
}
