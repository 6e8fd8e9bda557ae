using System.Globalization;
using System.Text.Json.Nodes;
using Pathway.Activities.Partners;
using Pathway.Host.Access;
using Pathway.Host.Escalations;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Files;

/// <summary>A partner's task on a file, as the API shows it.</summary>
public sealed record FileTask(
    Guid Id, string ActivityId, string Title, PartnerRef Partner, string Status, DateTime CreatedAt, DateTime? DueAt,
    bool Acknowledged, string? LegalBasis, bool Overdue);

/// <summary>An escalation on a file: level 1 to the coordination, level 2 to the ASE inspection; <see cref="Partner"/> and
/// <see cref="Task"/> are the late task's, for an escalation about one.</summary>
public sealed record FileEscalation(
    Guid Id, string ActivityId, int Level, string Reason, string Status, DateTime RaisedAt, DateTime? ClosedAt, bool Acknowledged,
    PartnerRef? Partner, EscalatedTaskItem? Task);

/// <summary>Reads tasks and escalations from their bookmarks (the data <c>PartnerTask</c> and <c>Escalation</c> put there).</summary>
internal static class FileTasks
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static FileTask Task(BookmarkRow bookmark, PartnerRegistry partners, DateTime now)
    {
        var data = Data(bookmark);
        var due = Time(data?["dueAt"]);
        var open = bookmark.ClosedAt is null;
        var partner = bookmark.Addressee ?? Text(data?["partner"]) ?? "";
        return new FileTask(bookmark.Id, bookmark.ActivityId, Text(data?["title"]) ?? bookmark.ActivityId, PartnerRef.Of(partners, partner),
            open ? Open : Closed, bookmark.CreatedAt, due, data?["accepted"] is JsonValue accepted && accepted.TryGetValue<bool>(out var yes) && yes,
            Text(data?["legalBasis"]), open && due < now);
    }

    /// <summary>Read as the coordinator's inbox reads it (<see cref="EscalationBookmark"/>).</summary>
    public static FileEscalation Escalation(BookmarkRow bookmark, PartnerRegistry partners)
    {
        var escalation = EscalationBookmark.Of(bookmark);
        return new FileEscalation(bookmark.Id, bookmark.ActivityId, escalation.Level, escalation.Reason,
            bookmark.ClosedAt is null ? Open : Closed, bookmark.CreatedAt, bookmark.ClosedAt, escalation.Acknowledged,
            escalation.About is { } about ? PartnerRef.Of(partners, about.Partner) : null,
            escalation.About is { } task ? new EscalatedTaskItem(task.TaskId, task.Title, task.DueAt, task.LegalBasis) : null);
    }

    /// <summary>The task's current due time: the deadline, moved when the coordinator extended it.</summary>
    public static DateTime? DueAt(BookmarkRow bookmark) => Time(Data(bookmark)?["dueAt"]);

    private static JsonObject? Data(BookmarkRow bookmark) => bookmark.Data is null ? null : JsonNode.Parse(bookmark.Data) as JsonObject;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTime? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime : null;
}
