namespace Pathway.Workflows.Definitions;

/// <summary>
/// Where the designer draws each activity, kept in <c>v&lt;N&gt;.layout.json</c> beside the definition so
/// moving boxes never shows up as a change of the pathway.
/// </summary>
public sealed record DefinitionLayout
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public IReadOnlyDictionary<string, NodePosition> Nodes { get; init; } = new Dictionary<string, NodePosition>();
}

public sealed record NodePosition(double X, double Y);
