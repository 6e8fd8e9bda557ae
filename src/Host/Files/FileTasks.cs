using Pathway.Activities.Contracts;
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

/// <summary>Shows the <c>tasks</c> and <c>escalations</c> rows in the words of the file's definition version.</summary>
internal static class FileTasks
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static FileTask Task(TaskRow task, DefinitionLabels labels, PartnerRegistry partners, DateTime now) =>
        new(task.Id, task.ActivityId, labels.TaskTitle(task.ActivityId), PartnerRef.Of(partners, task.Assignee),
            task.ClosedAt is null ? Open : Closed, task.AssignedAt, task.DueAt,
            task.AcknowledgedAt is not null || task.Status == TaskStatuses.Acknowledged, task.LegalBasis,
            task.ClosedAt is null && task.DueAt < now);

    /// <param name="about">The late task, for an escalation about one.</param>
    public static FileEscalation Escalation(EscalationRow escalation, TaskRow? about, DefinitionLabels labels, PartnerRegistry partners) =>
        new(escalation.Id, escalation.ActivityId, escalation.Level, EscalationReason.Of(escalation, about, labels),
            escalation.ClosedAt is null ? Open : Closed, escalation.RaisedAt, escalation.ClosedAt, escalation.LastAction is not null,
            about is null ? null : PartnerRef.Of(partners, about.Assignee), About(about, labels));

    /// <summary>The late task as an escalation shows it.</summary>
    public static EscalatedTaskItem? About(TaskRow? task, DefinitionLabels labels) =>
        task is null ? null
            : new EscalatedTaskItem(task.Id.ToString(), labels.TaskTitle(task.ActivityId),
                task.DueAt is { } due ? WireJson.Time(NodaTime.Instant.FromDateTimeUtc(due)) : null, task.LegalBasis);
}
