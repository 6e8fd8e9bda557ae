using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Pathway.Workflows.Definitions;

/// <summary>
/// One version of a pathway as written in <c>definitions/&lt;id&gt;/v&lt;N&gt;.json</c>: behaviour only.
/// Where boxes sit on the canvas lives in <see cref="DefinitionLayout"/>, so a diff of two versions shows
/// what changed in the pathway, not where boxes moved.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>Optional link to the JSON Schema, for editors.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>Stable identifier shared by every version, e.g. <c>minor-protection-pathway</c>.</summary>
    public required string Id { get; init; }

    public required int Version { get; init; }

    /// <summary>Name shown to users (French).</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The stages of the pathway, in display order; activities refer to them by id.</summary>
    public IReadOnlyList<StageDefinition> Stages { get; init; } = [];

    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];

    public required IReadOnlyList<ActivityNode> Activities { get; init; }

    public required IReadOnlyList<Connection> Connections { get; init; }
}

/// <summary>A stage of the pathway (signalement, évaluation, …) used to group activities and files.</summary>
public sealed record StageDefinition
{
    public required string Id { get; init; }

    /// <summary>Label shown to users (French).</summary>
    public required string Name { get; init; }
}

/// <summary>A typed variable of a file. Conditions and activities may only use declared variables.</summary>
public sealed record VariableDefinition
{
    public required string Name { get; init; }

    public required VariableType Type { get; init; }

    /// <summary>Label shown to users (French).</summary>
    public string? Label { get; init; }

    /// <summary>Allowed values; required for <see cref="VariableType.Choice"/>, forbidden otherwise.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Value at the start of a file when none is given.</summary>
    public JsonNode? Default { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<VariableType>))]
public enum VariableType
{
    [JsonStringEnumMemberName("text")] Text,
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("boolean")] Boolean,
    /// <summary>A calendar date, ISO 8601 <c>yyyy-MM-dd</c>.</summary>
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("choice")] Choice,
    /// <summary>A JSON array: partners to ask, the answers of a <c>ForEachPartner</c>. <c>in</c> searches it.</summary>
    [JsonStringEnumMemberName("list")] List,
}

/// <summary>One activity of the flowchart. <see cref="Type"/> names an activity of the catalogue.</summary>
public sealed record ActivityNode
{
    public required string Id { get; init; }

    /// <summary>Activity type as named in the catalogue (e.g. <c>Decision</c>), never a .NET type name.</summary>
    public required string Type { get; init; }

    /// <summary>Label shown to users (French).</summary>
    public string? DisplayName { get; init; }

    /// <summary>Id of the stage this activity belongs to.</summary>
    public string? Stage { get; init; }

    /// <summary>Inputs of the activity, checked against the activity type's declared inputs.</summary>
    public JsonObject Inputs { get; init; } = new();
}

/// <summary>When <see cref="Source"/> completes with <see cref="Outcome"/>, the token moves to <see cref="Target"/>.</summary>
public sealed record Connection
{
    public required string Source { get; init; }

    public required string Outcome { get; init; }

    public required string Target { get; init; }
}
