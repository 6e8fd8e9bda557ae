using System.Text.Json;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Validation.Rules;

/// <summary>
/// What the semantic rules share: the definition, what the catalogue makes of each activity, the graph of the
/// connections whose two ends exist, and the errors found so far. When an id is declared twice, the first
/// declaration is the one the other rules see (the second one is already an error).
/// </summary>
internal sealed class ValidationContext
{
    private readonly Dictionary<string, List<(int Index, Connection Connection)>> _outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Index, Connection Connection)>> _incoming = new(StringComparer.Ordinal);

    public ValidationContext(WorkflowDefinition definition, ActivityCatalog catalog, IPartnerDirectory? partners = null)
    {
        Partners = partners;
        Definition = definition;
        Catalog = catalog;
        Variables = FirstById(definition.Variables, v => v.Name);
        Activities = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Activities.Count; i++)
            Activities.TryAdd(definition.Activities[i].Id, i);
        Descriptors = definition.Activities.Select(a => catalog.Find(a.Type)).ToArray();
        Bound = new Activity?[definition.Activities.Count];

        for (var k = 0; k < definition.Connections.Count; k++)
        {
            var connection = definition.Connections[k];
            if (!Activities.ContainsKey(connection.Source) || !Activities.ContainsKey(connection.Target)) continue;
            Edges(_outgoing, connection.Source).Add((k, connection));
            Edges(_incoming, connection.Target).Add((k, connection));
        }
    }

    public WorkflowDefinition Definition { get; }

    public ActivityCatalog Catalog { get; }

    /// <summary>The partner registry; null when partner ids are not checked.</summary>
    public IPartnerDirectory? Partners { get; }

    public IReadOnlyDictionary<string, VariableDefinition> Variables { get; }

    /// <summary>Index in <c>activities</c> of each id's first declaration.</summary>
    public Dictionary<string, int> Activities { get; }

    /// <summary>The catalogue entry of each activity, by index; null when its type does not exist.</summary>
    public ActivityDescriptor?[] Descriptors { get; }

    /// <summary>The configured activity, by index; null when its type or its inputs are wrong.</summary>
    public Activity?[] Bound { get; }

    public List<ValidationError> Errors { get; } = [];

    public void Add(string pointer, string code, string message) => Errors.Add(new ValidationError(pointer, code, message));

    /// <summary>True for the first declaration of an id; the rules report each activity once.</summary>
    public bool IsFirstDeclaration(int index) => Activities[Definition.Activities[index].Id] == index;

    public IReadOnlyList<(int Index, Connection Connection)> Outgoing(string id) =>
        _outgoing.TryGetValue(id, out var edges) ? edges : [];

    public IReadOnlyList<(int Index, Connection Connection)> Incoming(string id) =>
        _incoming.TryGetValue(id, out var edges) ? edges : [];

    /// <summary>The outcomes of an activity, or null when they cannot be known (unknown type, inputs wrong).</summary>
    public IReadOnlyList<string>? OutcomesOf(int index) =>
        Bound[index]?.GetOutcomes()
        ?? (Descriptors[index] is { HasDynamicOutcomes: false } descriptor ? descriptor.Outcomes.Select(o => o.Name).ToArray() : null);

    /// <summary>An activity that ends a branch: its type has no outcome at all (End).</summary>
    public bool IsEnd(int index) => Descriptors[index] is { Outcomes.Count: 0, HasDynamicOutcomes: false };

    /// <summary>A split whose branches a join may bring together: a Fork, or a Switch in mode <c>all</c>.</summary>
    public bool IsSynchronizingSplit(int index)
    {
        var node = Definition.Activities[index];
        return node.Type == FlowTypes.Fork
               || (node.Type == FlowTypes.Switch && node.Inputs["mode"] is { } mode
                   && mode.GetValueKind() == JsonValueKind.String && mode.GetValue<string>() == "all");
    }

    /// <summary>Every activity reachable from <paramref name="from"/>'s successors, never entering <paramref name="stop"/>.</summary>
    public HashSet<string> Reachable(string from, string? stop = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Outgoing(from).Select(e => e.Connection.Target));
        while (pending.TryPop(out var id))
        {
            if (id == stop || !seen.Add(id)) continue;
            foreach (var (_, connection) in Outgoing(id)) pending.Push(connection.Target);
        }

        return seen;
    }

    private static Dictionary<string, T> FirstById<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items) result.TryAdd(id(item), item);
        return result;
    }

    private static List<(int, Connection)> Edges(Dictionary<string, List<(int, Connection)>> edges, string id)
    {
        if (!edges.TryGetValue(id, out var list)) edges[id] = list = [];
        return list;
    }
}
