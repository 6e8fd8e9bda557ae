using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities.Contracts;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Activities.Tasks;

/// <summary>
/// What every kind of partner task (<see cref="PartnerTask"/>, <see cref="ForEachPartner"/>) tells its partner
/// besides the task itself, said once: a reminder and a withdrawal; and how a task's bookmark keeps its due date.
/// </summary>
internal static class TaskMessages
{
    /// <summary>Tells <paramref name="partner"/> that the task is still open, with its due date and, when the
    /// coordinator sent it, her words.</summary>
    public static void Remind(ActivityContext context, Bookmark task, string partner, string title, Instant? due, string? dueText, string? message = null) =>
        Outgoing.Send(context, partner, MessageTypes.TaskReminder, new TaskReminderMessage
        {
            TaskId = task.Id.ToString(), FileRef = context.FileId, Title = title, DueAt = WireJson.Time(due), DueText = dueText, Message = message,
        });

    /// <summary>Takes the task back from <paramref name="partner"/>, recorded (<see cref="TaskWithdrawn"/>) and told.</summary>
    public static void Withdraw(ActivityContext context, Bookmark task, string partner, string reason)
    {
        context.Record(new TaskWithdrawn(task.Id));
        Outgoing.Send(context, partner, MessageTypes.TaskWithdrawn, new TaskWithdrawnMessage
        {
            TaskId = task.Id.ToString(), FileRef = context.FileId, Reason = reason,
        });
    }

    /// <summary>The due date the task's bookmark data holds (<c>dueAt</c>); null without a deadline.</summary>
    public static Instant? DueOf(Bookmark task) =>
        task.Data?["dueAt"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? NodaTime.Text.InstantPattern.General.Parse(text).GetValueOrThrow() : null;

    /// <summary>A copy of a bookmark's data with <paramref name="name"/> set.</summary>
    public static JsonObject With(JsonObject? data, string name, JsonNode? value)
    {
        var copy = data?.DeepClone().AsObject() ?? [];
        copy[name] = value;
        return copy;
    }
}
