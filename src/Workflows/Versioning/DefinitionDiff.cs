using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Versioning;

/// <summary>
/// What changed in the pathway from one version to another, by ids: activities, connections, deadlines, partners,
/// variables and stages. Positions on the canvas are not part of a definition (see <see cref="DefinitionLayout"/>),
/// so a box that only moved is no change.
/// </summary>
public sealed record DefinitionDiff(
    string Id,
    int From,
    int To,
    ActivityChanges Activities,
    ConnectionChanges Connections,
    IReadOnlyList<DeadlineChange> Deadlines,
    PartnerChanges Partners,
    VariableChanges Variables,
    StageChanges Stages)
{
    public bool Identical =>
        Activities.Added.Count + Activities.Removed.Count + Activities.Changed.Count + Connections.Added.Count
        + Connections.Removed.Count + Variables.Added.Count + Variables.Removed.Count + Variables.Changed.Count
        + Stages.Added.Count + Stages.Removed.Count + Stages.Changed.Count == 0;

    /// <summary>Compares <paramref name="from"/> with <paramref name="to"/>; the catalogue tells which inputs are
    /// deadlines and partners.</summary>
    public static DefinitionDiff Between(WorkflowDefinition from, WorkflowDefinition to, ActivityCatalog catalog)
    {
        var before = from.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var after = to.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);

        var changed = new List<ActivityChange>();
        var deadlines = new List<DeadlineChange>();
        foreach (var node in to.Activities.Where(a => before.ContainsKey(a.Id)))
        {
            var old = before[node.Id];
            var changes = Changes(old, node);
            if (changes.Count == 0) continue;
            changed.Add(new ActivityChange(node.Id, node.Type, node.DisplayName, node.Stage, changes));
            var deadlineInputs = InputsOfKind(catalog, node.Type, InputKind.Deadline);
            deadlines.AddRange(changes.Where(c => deadlineInputs.Contains(c.Field[Input.Length..]) && c.Field.StartsWith(Input, StringComparison.Ordinal))
                .Select(c => new DeadlineChange(node.Id, node.DisplayName, c.Field[Input.Length..], c.Before, c.After)));
        }

        return new DefinitionDiff(
            to.Id, from.Version, to.Version,
            new ActivityChanges(
                to.Activities.Where(a => !before.ContainsKey(a.Id)).Select(Ref).ToList(),
                from.Activities.Where(a => !after.ContainsKey(a.Id)).Select(Ref).ToList(),
                changed),
            new ConnectionChanges(
                to.Connections.Except(from.Connections).ToList(),
                from.Connections.Except(to.Connections).ToList()),
            deadlines,
            PartnersBetween(from, to, catalog),
            VariablesBetween(from, to),
            StagesBetween(from, to));
    }

    private const string Input = "inputs.";

    private static ActivityRef Ref(ActivityNode node) => new(node.Id, node.Type, node.DisplayName, node.Stage);

    private static List<FieldChange> Changes(ActivityNode before, ActivityNode after)
    {
        var changes = new List<FieldChange>();
        if (before.Type != after.Type) changes.Add(new FieldChange("type", before.Type, after.Type));
        if (before.DisplayName != after.DisplayName) changes.Add(new FieldChange("label", before.DisplayName, after.DisplayName));
        if (before.Stage != after.Stage) changes.Add(new FieldChange("stage", before.Stage, after.Stage));
        // Inputs one by one, in the newer version's order then the removed ones, so the UI can say which field changed.
        var names = after.Inputs.Select(p => p.Key).Concat(before.Inputs.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var (old, now) = (before.Inputs[name], after.Inputs[name]);
            if (!JsonNode.DeepEquals(old, now)) changes.Add(new FieldChange(Input + name, old?.DeepClone(), now?.DeepClone()));
        }

        return changes;
    }

    private static HashSet<string> InputsOfKind(ActivityCatalog catalog, string type, InputKind kind) =>
        catalog.Find(type)?.Inputs.Where(i => i.Kind == kind).Select(i => i.Name).ToHashSet(StringComparer.Ordinal) ?? [];

    private static PartnerChanges PartnersBetween(WorkflowDefinition from, WorkflowDefinition to, ActivityCatalog catalog)
    {
        var before = PartnersOf(from, catalog);
        var after = PartnersOf(to, catalog);
        return new PartnerChanges(after.Except(before).Order(StringComparer.Ordinal).ToList(), before.Except(after).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Partner ids named by inputs of kind partner (a single id or a list of ids).</summary>
    public static HashSet<string> PartnersOf(WorkflowDefinition definition, ActivityCatalog catalog)
    {
        var partners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in definition.Activities)
        foreach (var name in InputsOfKind(catalog, node.Type, InputKind.Partner))
        {
            switch (node.Inputs[name])
            {
                case JsonValue value when value.TryGetValue<string>(out var id):
                    partners.Add(id);
                    break;
                case JsonArray ids:
                    partners.UnionWith(ids.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>());
                    break;
            }
        }

        return partners;
    }

    private static VariableChanges VariablesBetween(WorkflowDefinition from, WorkflowDefinition to)
    {
        var before = from.Variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var after = to.Variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        return new VariableChanges(
            to.Variables.Where(v => !before.ContainsKey(v.Name)).ToList(),
            from.Variables.Where(v => !after.ContainsKey(v.Name)).ToList(),
            to.Variables.Where(v => before.TryGetValue(v.Name, out var old) && !SameVariable(old, v))
                .Select(v => new VariableChange(v.Name, before[v.Name], v)).ToList());
    }

    private static bool SameVariable(VariableDefinition a, VariableDefinition b) =>
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(a, DefinitionJson.Options), JsonSerializer.SerializeToNode(b, DefinitionJson.Options));

    private static StageChanges StagesBetween(WorkflowDefinition from, WorkflowDefinition to)
    {
        var before = from.Stages.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var after = to.Stages.ToDictionary(s => s.Id, StringComparer.Ordinal);
        return new StageChanges(
            to.Stages.Where(s => !before.ContainsKey(s.Id)).ToList(),
            from.Stages.Where(s => !after.ContainsKey(s.Id)).ToList(),
            to.Stages.Where(s => before.TryGetValue(s.Id, out var old) && old.Name != s.Name)
                .Select(s => new StageChange(s.Id, before[s.Id].Name, s.Name)).ToList());
    }
}

public sealed record ActivityRef(string Id, string Type, string? Label, string? Stage);

public sealed record ActivityChanges(IReadOnlyList<ActivityRef> Added, IReadOnlyList<ActivityRef> Removed, IReadOnlyList<ActivityChange> Changed);

/// <summary>An activity present in both versions. <see cref="Label"/>, <see cref="Type"/> and <see cref="Stage"/> are the newer version's.</summary>
public sealed record ActivityChange(string Id, string Type, string? Label, string? Stage, IReadOnlyList<FieldChange> Changes);

/// <summary><see cref="Field"/> is <c>type</c>, <c>label</c>, <c>stage</c> or <c>inputs.</c> and an input's name.</summary>
public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);

public sealed record ConnectionChanges(IReadOnlyList<Connection> Added, IReadOnlyList<Connection> Removed);

public sealed record DeadlineChange(string ActivityId, string? Label, string Input, JsonNode? Before, JsonNode? After);

public sealed record PartnerChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

public sealed record VariableChanges(IReadOnlyList<VariableDefinition> Added, IReadOnlyList<VariableDefinition> Removed, IReadOnlyList<VariableChange> Changed);

public sealed record VariableChange(string Name, VariableDefinition Before, VariableDefinition After);

public sealed record StageChanges(IReadOnlyList<StageDefinition> Added, IReadOnlyList<StageDefinition> Removed, IReadOnlyList<StageChange> Changed);

public sealed record StageChange(string Id, string Before, string After);
