using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Applies a step's task and escalation records to the <c>tasks</c> and <c>escalations</c> tables, in the step's
/// context (so in its transaction), as Zeebe applies records to its job state: the one place that turns what the
/// activities say happened into the rows the host queries. Records apply in the order the activities stated them; a row
/// a record changes is read once, tracked, and written with the step's other rows at SaveChanges.
/// </summary>
public static class RecordApplier
{
    public static async Task ApplyAsync(PathwayDbContext context, string fileId, IReadOnlyList<ActivityRecord> records,
        CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        var tasks = new Dictionary<Guid, TaskRow>();
        var escalations = new Dictionary<Guid, EscalationRow>();

        // The rows this step changes but did not create, in one query per table.
        var taskIds = records.OfType<TaskRecord>().Where(r => r is not TaskAssigned).Select(r => r.TaskId)
            .Except(records.OfType<TaskAssigned>().Select(r => r.TaskId)).ToList();
        if (taskIds.Count > 0)
            foreach (var row in await context.Tasks.Where(t => t.FileId == fileId && taskIds.Contains(t.Id)).ToListAsync(cancellationToken))
                tasks[row.Id] = row;
        var escalationIds = records.OfType<EscalationRecord>().Where(r => r is EscalationActedOn or EscalationClosed).Select(r => r.EscalationId)
            .Concat(records.OfType<EscalationRisen>().Select(r => r.FromEscalationId))
            .Except(records.OfType<EscalationRecord>().Where(r => r is EscalationRaised or EscalationRisen).Select(r => r.EscalationId)).ToList();
        if (escalationIds.Count > 0)
            foreach (var row in await context.Escalations.Where(e => e.FileId == fileId && escalationIds.Contains(e.Id)).ToListAsync(cancellationToken))
                escalations[row.Id] = row;

        foreach (var record in records)
        {
            var at = record.At.ToDateTimeUtc();
            switch (record)
            {
                case TaskAssigned assigned:
                    var task = new TaskRow
                    {
                        Id = assigned.TaskId, FileId = fileId, ActivityId = assigned.ActivityId, Assignee = assigned.Partner,
                        Purpose = assigned.Purpose, Status = TaskStatuses.Assigned, AssignedAt = at,
                        AcknowledgeBy = assigned.AcknowledgeBy?.ToDateTimeUtc(), DueAt = assigned.DueAt?.ToDateTimeUtc(),
                        LegalBasis = assigned.LegalBasis, Counting = assigned.Counting,
                    };
                    tasks[task.Id] = task;
                    context.Tasks.Add(task);
                    break;
                case TaskRecord taskRecord:
                    // A task assigned before these rows existed and not backfilled: nothing to update (see RecordBackfill).
                    if (!tasks.TryGetValue(taskRecord.TaskId, out var row)) break;
                    Apply(row, taskRecord, at);
                    break;
                case EscalationRaised raised:
                    escalations[raised.EscalationId] = Add(context, new EscalationRow
                    {
                        Id = raised.EscalationId, FileId = fileId, ActivityId = raised.ActivityId, Level = 1, Role = raised.Role,
                        Cause = raised.Cause, AboutTaskId = raised.AboutTaskId, RaisedAt = at, RisesAt = raised.RisesAt?.ToDateTimeUtc(),
                    });
                    break;
                case EscalationRisen risen:
                    if (escalations.TryGetValue(risen.FromEscalationId, out var from)) from.RisesAt = null;
                    escalations[risen.EscalationId] = Add(context, new EscalationRow
                    {
                        Id = risen.EscalationId, FileId = fileId, ActivityId = risen.ActivityId, Level = 2, Role = risen.Role,
                        Cause = risen.Cause, AboutTaskId = risen.AboutTaskId, FromEscalationId = risen.FromEscalationId == Guid.Empty ? null : risen.FromEscalationId,
                        RaisedAt = at,
                    });
                    break;
                case EscalationActedOn acted when escalations.TryGetValue(acted.EscalationId, out var escalation):
                    // Someone acted: it stays open and no longer rises.
                    escalation.LastAction = acted.Action;
                    escalation.ActedAt = at;
                    escalation.ActedBy = record.Actor;
                    escalation.RisesAt = null;
                    break;
                case EscalationClosed closed when escalations.TryGetValue(closed.EscalationId, out var escalation):
                    escalation.Closure = closed.Closure;
                    escalation.ClosedAt = at;
                    escalation.ClosedBy = record.Actor;
                    escalation.RisesAt = null;
                    break;
            }
        }
    }

    private static void Apply(TaskRow task, TaskRecord record, DateTime at)
    {
        switch (record)
        {
            case TaskAcknowledged:
                task.Status = TaskStatuses.Acknowledged;
                task.AcknowledgedAt = at;
                break;
            case TaskCompleted completed:
                Close(task, TaskStatuses.Completed, record, at);
                task.Outcome = completed.Outcome;
                break;
            case TaskDeclined:
                Close(task, TaskStatuses.Declined, record, at);
                break;
            case TaskWithdrawn:
                Close(task, TaskStatuses.Withdrawn, record, at);
                break;
            case TaskDeadlineMoved moved:
                task.DueAt = moved.DueAt.ToDateTimeUtc();
                break;
        }
    }

    private static void Close(TaskRow task, string status, ActivityRecord record, DateTime at)
    {
        task.Status = status;
        task.ClosedAt = at;
        task.ClosedBy = record.Actor;
    }

    private static EscalationRow Add(PathwayDbContext context, EscalationRow row)
    {
        context.Escalations.Add(row);
        return row;
    }
}
