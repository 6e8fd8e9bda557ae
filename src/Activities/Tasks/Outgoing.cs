using Pathway.Activities.Contracts;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Activities.Tasks;

/// <summary>Messages leave as effects: written to the outbox with the file's commit, sent after it.</summary>
internal static class Outgoing
{
    /// <summary>The file's data an activity declares for its partner, and nothing else (CASF L226-2-2).</summary>
    public static System.Text.Json.Nodes.JsonObject Data(ActivityContext context, IReadOnlyList<string>? fields)
    {
        var data = new System.Text.Json.Nodes.JsonObject();
        foreach (var name in fields ?? [])
            data[name] = context.GetVariable(name)?.DeepClone();
        return data;
    }

    public static void Send<T>(ActivityContext context, string destination, string type, T message) =>
        context.Emit(new Effect
        {
            MessageId = context.NewId(),
            Kind = type,
            Destination = destination,
            Payload = WireJson.ToObject(message),
        });
}
