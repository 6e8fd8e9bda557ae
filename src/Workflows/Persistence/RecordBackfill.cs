using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Writes the <c>tasks</c> and <c>escalations</c> rows of the tasks and escalations opened before steps wrote them
/// (the migration <c>TasksAndEscalations</c>), from their bookmarks and the answers in their files' journals, when the
/// database is migrated (<see cref="PathwayDatabase.MigrateAsync"/>). Bookmark data and journal data are encrypted, and
/// SQL holds no key: this is C#, run right after the migrations.
/// </summary>
/// <remarks>
/// It runs while <see cref="PendingRecordBackfillRow"/> is present (the migration inserts it), as
/// <see cref="PersonalDataRebinding"/> does: it looks for task and escalation bookmarks that have no row, in batches of
/// <see cref="BatchSize"/> files, each in its own transaction that locks that row — resumable, idempotent, two hosts
/// starting together take turns — and deletes the row once none is left, so that later start-ups read one row only. The bookmark data and purposes read here are
/// those PartnerTask and Escalation wrote before records existed: a frozen format, hence the literal names. What that
/// history does not say is left null (the counting rule, an escalation's closure when nobody answered it directly).
/// </remarks>
internal static class RecordBackfill
{
    public const int BatchSize = 100;

    private const string TaskPurpose = "task";
    private const string AcknowledgementPurpose = "acknowledgement";
    private const string EscalationPurpose = "escalation";
    private const string RisePurpose = "escalation-rise";

    /// <returns>How many task and escalation rows were written.</returns>
    public static async Task<(int Tasks, int Escalations)> RunAsync(PathwayDatabase database, CancellationToken cancellationToken)
    {
        var (tasks, escalations) = (0, 0);
        while (true)
        {
            await using var context = database.CreateContext();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var pending = await database.LockAsync(context.PendingRecordBackfill,
                $"SELECT * FROM pending_record_backfill WHERE id = 1 FOR UPDATE", p => p.Id == 1, cancellationToken);
            // Nothing to backfill, or another host has just finished.
            if (pending is null) return (tasks, escalations);

            var fileIds = await context.Bookmarks.IgnoreQueryFilters()
                .Where(b => (b.Purpose == TaskPurpose && !context.Tasks.Any(t => t.Id == b.Id))
                            || (b.Purpose == EscalationPurpose && !context.Escalations.Any(e => e.Id == b.Id)))
                .Select(b => b.FileId).Distinct().OrderBy(f => f).Take(BatchSize).ToListAsync(cancellationToken);
            if (fileIds.Count == 0) context.PendingRecordBackfill.Remove(pending);

            foreach (var fileId in fileIds)
            {
                var (t, e) = await BackfillFileAsync(context, fileId, cancellationToken);
                tasks += t;
                escalations += e;
            }

            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (fileIds.Count == 0) return (tasks, escalations);
        }
    }

    private static async Task<(int, int)> BackfillFileAsync(PathwayDbContext context, string fileId, CancellationToken cancellationToken)
    {
        var bookmarks = await context.Bookmarks.IgnoreQueryFilters().AsNoTracking().Where(b => b.FileId == fileId)
            .OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
        var dataOf = bookmarks.ToDictionary(b => b.Id, b => b.Data is null ? null : JsonNode.Parse(b.Data) as JsonObject);
        var known = (await context.Tasks.Where(t => t.FileId == fileId).Select(t => t.Id).ToListAsync(cancellationToken))
            .Concat(await context.Escalations.Where(e => e.FileId == fileId).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
        var answers = await AnswersAsync(context, fileId, cancellationToken);
        var (tasks, escalations) = (0, 0);

        foreach (var bookmark in bookmarks.Where(b => !known.Contains(b.Id)))
        {
            var data = dataOf[bookmark.Id];
            answers.TryGetValue(bookmark.Id, out var answered);
            if (bookmark.Purpose == TaskPurpose)
            {
                var acknowledged = answered.Accepted is not null || data?["accepted"]?.GetValue<bool>() == true;
                var closure = bookmark.ClosedAt is null ? null
                    : answered.Final?.Kind switch
                    {
                        "completed" => "completed",
                        "declined" => "declined",
                        _ => "withdrawn",
                    };
                context.Tasks.Add(new TaskRow
                {
                    Id = bookmark.Id, FileId = fileId, ActivityId = bookmark.ActivityId,
                    Assignee = bookmark.Addressee ?? Text(data?["partner"]) ?? "", Purpose = TaskPurpose,
                    Status = closure ?? (acknowledged ? TaskStatuses.Acknowledged : TaskStatuses.Assigned),
                    Outcome = closure == "completed" ? answered.Final?.Outcome : null, AssignedAt = bookmark.CreatedAt,
                    AcknowledgeBy = Beside(bookmarks, bookmark, AcknowledgementPurpose)?.DueAt, AcknowledgedAt = answered.Accepted?.At,
                    DueAt = Time(data?["dueAt"]), LegalBasis = Text(data?["legalBasis"]),
                    ClosedAt = bookmark.ClosedAt, ClosedBy = closure is "completed" or "declined" ? answered.Final?.Actor : null,
                });
                tasks++;
            }
            else if (bookmark.Purpose == EscalationPurpose)
            {
                var level = data?["level"]?.GetValue<int>() ?? 1;
                var about = data?["about"] as JsonObject;
                var from = level < 2 ? null : bookmarks.LastOrDefault(b => b.Purpose == EscalationPurpose && b.ActivityId == bookmark.ActivityId
                    && b.CreatedAt <= bookmark.CreatedAt && b.Id != bookmark.Id && (dataOf[b.Id]?["level"]?.GetValue<int>() ?? 1) == 1);
                context.Escalations.Add(new EscalationRow
                {
                    Id = bookmark.Id, FileId = fileId, ActivityId = bookmark.ActivityId, Level = level,
                    Role = bookmark.Addressee ?? "", Cause = Text(data?["cause"]) ?? CauseOf(about, Text(data?["reason"])),
                    AboutTaskId = Guid.TryParse(Text(about?["taskId"]), out var task) ? task : null, FromEscalationId = from?.Id,
                    RaisedAt = bookmark.CreatedAt,
                    RisesAt = level == 1 && Beside(bookmarks, bookmark, RisePurpose) is { ClosedAt: null } rise ? rise.DueAt : null,
                    LastAction = answered.Accepted is not null || data?["acknowledged"]?.GetValue<bool>() == true ? "acknowledged" : null,
                    ActedAt = answered.Accepted?.At, ActedBy = answered.Accepted?.Actor,
                    Closure = bookmark.ClosedAt is null ? null : answered.Final?.Outcome,
                    ClosedAt = bookmark.ClosedAt, ClosedBy = bookmark.ClosedAt is null ? null : answered.Final?.Actor,
                });
                escalations++;
            }
        }

        return (tasks, escalations);
    }

    /// <summary>The cause of an escalation written before causes were kept: about no task, the definition's own; the
    /// wording PartnerTask used then tells a missing acknowledgement from a missed deadline.</summary>
    private static string CauseOf(JsonObject? about, string? reason) =>
        about is null ? "definition"
        : reason?.StartsWith("Pas d'accusé de réception", StringComparison.Ordinal) == true ? "no-acknowledgement"
        : "deadline-missed";

    /// <summary>The bookmark of <paramref name="purpose"/> set with <paramref name="of"/> (same activity, same step), open or
    /// closed, e.g. a task's acknowledgement timer.</summary>
    private static BookmarkRow? Beside(List<BookmarkRow> bookmarks, BookmarkRow of, string purpose) =>
        bookmarks.FirstOrDefault(b => b.Purpose == purpose && b.ActivityId == of.ActivityId && b.CreatedAt == of.CreatedAt);

    private sealed record Answer(string? Kind, string? Outcome, DateTime At, string Actor);

    private record struct Answers(Answer? Accepted, Answer? Final);

    /// <summary>Per bookmark, the first acknowledgement and the last other answer the journal recorded (answers, not their data).</summary>
    private static async Task<Dictionary<Guid, Answers>> AnswersAsync(PathwayDbContext context, string fileId, CancellationToken cancellationToken)
    {
        var lines = await context.Journal.AsNoTracking().Where(j => j.FileId == fileId && j.Kind == "stimulus.received")
            .OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var answers = new Dictionary<Guid, Answers>();
        foreach (var line in lines)
        {
            if (line.Data is null || JsonNode.Parse(line.Data) is not JsonObject data || Text(data["ignored"]) is not null
                || !Guid.TryParse(Text(data["bookmarkId"]), out var id)) continue;
            var payload = data["payload"] as JsonObject;
            var answer = new Answer(Text(payload?["answer"]), Text(payload?["outcome"]), line.At, line.Actor);
            var known = answers.GetValueOrDefault(id);
            answers[id] = answer.Kind == "accepted" ? known with { Accepted = known.Accepted ?? answer } : known with { Final = answer };
        }

        return answers;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTime? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime : null;
}
