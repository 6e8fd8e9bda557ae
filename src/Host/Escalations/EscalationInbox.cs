using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Activities.Tasks;
using Pathway.Activities.Wording;
using Pathway.Host.Access;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Escalations;

/// <summary>
/// The coordinator's inbox: every open escalation, read from the files' open escalation bookmarks, most urgent first
/// (level 2, then the longest overdue). A file whose escalation rose to level 2 shows once, at level 2. The ASE
/// inspector sees level 2 only.
/// </summary>
internal sealed class EscalationInbox(PathwayDatabase database, DefinitionStore definitions, PartnerRegistry partners, IClock clock)
{
    public async Task<IReadOnlyList<EscalationItem>> OpenAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var bookmarks = await db.Bookmarks.AsNoTracking()
            .Where(b => b.Purpose == EscalationBookmarks.Purpose || b.Purpose == EscalationBookmarks.RisePurpose)
            .ToListAsync(cancellationToken);
        var fileIds = bookmarks.Select(b => b.FileId).Distinct().ToList();
        var files = await db.Files.AsNoTracking().Where(f => fileIds.Contains(f.Id))
            .Select(f => new { f.Id, f.DefinitionId, f.Version }).ToDictionaryAsync(f => f.Id, cancellationToken);

        var now = clock.GetCurrentInstant();
        var stages = new StageLabels(definitions);
        var items = new List<EscalationItem>();
        foreach (var activity in bookmarks.GroupBy(b => (b.FileId, b.ActivityId)))
        {
            var open = activity.Where(b => b.Purpose == EscalationBookmarks.Purpose).Select(EscalationBookmark.Of).ToList();
            // Risen to level 2: the level-1 entry is the same escalation, shown once at its highest level.
            if (open.Count == 0 || open.MaxBy(e => e.Level) is not { } highest) continue;
            if (!MaySee(user, highest.Level)) continue;
            var file = files[activity.Key.FileId];
            var rise = activity.FirstOrDefault(b => b.Purpose == EscalationBookmarks.RisePurpose);
            items.Add(new EscalationItem(
                highest.Row.Id, file.Id, highest.Level, highest.Reason, Utc(highest.Row.CreatedAt), rise?.DueAt is { } r ? Utc(r) : null,
                open.Any(e => e.Acknowledged),
                await stages.OfAsync(file.DefinitionId, file.Version, activity.Key.ActivityId, cancellationToken),
                highest.About is { } about ? PartnerRef.Of(partners, about.Partner) : null,
                highest.About is { } task ? new EscalatedTaskItem(task.TaskId, task.Title, task.DueAt, task.LegalBasis) : null,
                OverdueSeconds(highest, now)));
        }

        return [.. items.OrderByDescending(i => i.Level).ThenByDescending(i => i.OverdueSeconds).ThenBy(i => i.RaisedAt)];
    }

    /// <summary>The coordinator handles every level; the ASE inspector, level 2 only.</summary>
    public static bool MaySee(CurrentUser user, int level) => user.Is(Roles.Coordinator) || (user.Is(Roles.Inspector) && level >= 2);

    /// <summary>How late the task is; for an escalation about no task (raised on purpose), how long it has waited.</summary>
    private static long OverdueSeconds(EscalationBookmark escalation, Instant now)
    {
        var since = escalation.About?.DueAt is { } due ? NodaTime.Text.InstantPattern.General.Parse(due).GetValueOrThrow()
            : Instant.FromDateTimeUtc(Utc(escalation.Row.CreatedAt));
        return Math.Max(0, (long)(now - since).TotalSeconds);
    }

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);

    /// <summary>Stage labels from the definition version each file runs on, read once per version.</summary>
    private sealed class StageLabels(DefinitionStore definitions)
    {
        private readonly Dictionary<(string, int), WorkflowDefinition?> _read = [];

        public async Task<StageItem?> OfAsync(string definitionId, int version, string activityId, CancellationToken cancellationToken)
        {
            if (!_read.TryGetValue((definitionId, version), out var definition))
                _read[(definitionId, version)] = definition = await definitions.FindAsync(definitionId, version, cancellationToken);
            var stage = definition?.Activities.FirstOrDefault(a => a.Id == activityId)?.Stage;
            if (stage is null) return null;
            return new StageItem(stage, definition!.Stages.FirstOrDefault(s => s.Id == stage)?.Name ?? stage);
        }
    }
}

/// <summary>An escalation bookmark's row with its data read (<see cref="EscalationBookmarks"/>); its reason in French, rendered
/// from the phrase stored (or, stored by an earlier version, the sentence as it was).</summary>
internal sealed record EscalationBookmark(BookmarkRow Row, int Level, string Reason, EscalatedTask? About, bool Acknowledged)
{
    public static EscalationBookmark Of(BookmarkRow row)
    {
        var data = row.Data is null ? null : JsonNode.Parse(row.Data) as JsonObject;
        var about = data?["about"] is JsonObject task ? System.Text.Json.JsonSerializer.Deserialize<EscalatedTask>(task, WireJson.Options) : null;
        return new EscalationBookmark(row, (int?)data?["level"] ?? 1, French.Text(data?["reason"]), about,
            data?["acknowledged"] is JsonValue acknowledged && acknowledged.TryGetValue<bool>(out var yes) && yes);
    }
}

public sealed record EscalationItem(
    Guid Id, string FileId, int Level, string Reason, DateTime RaisedAt, DateTime? RisesAt, bool Acknowledged, StageItem? Stage,
    PartnerRef? Partner, EscalatedTaskItem? Task, long OverdueSeconds);

public sealed record StageItem(string Id, string Label);

public sealed record EscalatedTaskItem(string Id, string Title, string? DueAt, string? LegalBasis);
