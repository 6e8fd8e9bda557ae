using System.Text.Json.Nodes;

namespace Pathway.Activities.Tasks;

/// <summary>Reading a reply that resumed a task or an escalation (its shape is checked before it reaches the engine).</summary>
internal static class Replies
{
    /// <summary>A string field of the reply; null when absent or not a string.</summary>
    public static string? Text(JsonObject? reply, string field) =>
        reply?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
