using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Runtime;

/// <summary>
/// A definition version ready to run: each node's activity configured once, each outcome's connection looked
/// up by dictionary. Immutable and shared by every file on that version.
/// </summary>
public sealed class ExecutableDefinition
{
    private readonly Dictionary<string, ExecutableNode> _nodes;

    private ExecutableDefinition(WorkflowDefinition definition, Dictionary<string, ExecutableNode> nodes, ExecutableNode start)
    {
        Definition = definition;
        Variables = definition.Variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        _nodes = nodes;
        Start = start;
    }

    public WorkflowDefinition Definition { get; }

    public ExecutableNode Start { get; }

    /// <summary>Declared variables by name.</summary>
    public IReadOnlyDictionary<string, VariableDefinition> Variables { get; }

    public ExecutableNode this[string activityId] => _nodes[activityId];

    /// <summary>Configures every activity. Throws <see cref="DefinitionNotExecutableException"/> when an
    /// activity cannot be configured or there is no single start; full validation is the validator's job.</summary>
    public static ExecutableDefinition Compile(WorkflowDefinition definition, ActivityCatalog catalog)
    {
        var nodes = new Dictionary<string, ExecutableNode>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var node in definition.Activities)
        {
            var bound = catalog.Bind(node);
            if (bound.Activity is null)
                problems.AddRange(bound.Problems.Select(p => $"activity '{node.Id}' inputs{p.Pointer}: {p.Message}"));
            else if (!nodes.TryAdd(node.Id, new ExecutableNode(node, bound.Activity)))
                problems.Add($"activity id '{node.Id}' is used twice");
        }

        foreach (var connection in definition.Connections)
        {
            if (!nodes.TryGetValue(connection.Source, out var source) || !nodes.ContainsKey(connection.Target))
                problems.Add($"connection {connection.Source}:{connection.Outcome} -> {connection.Target} has a missing end");
            else if (!source.Next.TryAdd(connection.Outcome, connection.Target))
                problems.Add($"outcome '{connection.Outcome}' of '{connection.Source}' is connected twice");
        }

        var starts = nodes.Values.Where(n => n.Node.Type == "Start").ToList();
        if (starts.Count != 1) problems.Add($"expected one Start activity, found {starts.Count}");
        if (problems.Count > 0) throw new DefinitionNotExecutableException(definition.Id, definition.Version, problems);
        return new ExecutableDefinition(definition, nodes, starts[0]);
    }

    /// <summary>Stages where the file's tokens stand, sorted, for the queryable column.</summary>
    public IReadOnlyList<string> CurrentStages(FileState state) =>
        state.Tokens.Select(t => _nodes[t.ActivityId].Node.Stage).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
}

/// <summary>A node with its configured activity and outgoing connections by outcome.</summary>
public sealed class ExecutableNode(ActivityNode node, Activity activity)
{
    public ActivityNode Node { get; } = node;

    public Activity Activity { get; } = activity;

    public Dictionary<string, string> Next { get; } = new(StringComparer.Ordinal);

    public string Id => Node.Id;
}

public sealed class DefinitionNotExecutableException(string id, int version, IReadOnlyList<string> problems)
    : Exception($"Definition '{id}' v{version} cannot run: {string.Join("; ", problems)}.")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
