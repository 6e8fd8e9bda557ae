using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Activities.Partners;
using Pathway.Host.Access;
using Pathway.Host.Files;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Escalations;

/// <summary>
/// The coordinator's inbox: every open escalation, read from the <c>escalations</c> table, most urgent first (level 2,
/// then the longest overdue). An escalation that rose to level 2 shows once, at level 2. The ASE inspector sees level 2 only.
/// </summary>
internal sealed class EscalationInbox(PathwayDatabase database, DefinitionStore definitions, ActivityCatalog catalog,
    PartnerRegistry partners, IClock clock)
{
    public async Task<IReadOnlyList<EscalationItem>> OpenAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var minimum = LowestLevelSeen(user);
        // Risen to level 2: the level-1 row is the same escalation, shown once at its highest level.
        var rows = await db.Escalations.AsNoTracking()
            .Where(e => e.ClosedAt == null && e.Level >= minimum && !db.Escalations.Any(r => r.FromEscalationId == e.Id && r.ClosedAt == null))
            .Join(db.Files, e => e.FileId, f => f.Id, (e, f) => new { Escalation = e, f.DefinitionId, f.Version })
            .ToListAsync(cancellationToken);
        var aboutIds = rows.Select(r => r.Escalation.AboutTaskId).OfType<Guid>().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => aboutIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);

        var now = clock.GetCurrentInstant();
        var labels = new Dictionary<(string, int), DefinitionLabels>();
        var items = new List<EscalationItem>();
        foreach (var row in rows)
        {
            if (!labels.TryGetValue((row.DefinitionId, row.Version), out var words))
                labels[(row.DefinitionId, row.Version)] = words = await DefinitionLabels.ForAsync(definitions, catalog, db, row.DefinitionId, row.Version, cancellationToken);
            var escalation = row.Escalation;
            var about = escalation.AboutTaskId is { } id ? tasks.GetValueOrDefault(id) : null;
            items.Add(new EscalationItem(
                escalation.Id, escalation.FileId, escalation.Level, EscalationReason.Of(escalation, about, words), escalation.RaisedAt,
                escalation.RisesAt, escalation.LastAction is not null,
                words.StageOf(escalation.ActivityId) is { } stage ? new StageItem(stage.Id, stage.Label) : null,
                about is null ? null : PartnerRef.Of(partners, about.Assignee), FileTasks.About(about, words),
                OverdueSeconds(escalation, about, now)));
        }

        return [.. items.OrderByDescending(i => i.Level).ThenByDescending(i => i.OverdueSeconds).ThenBy(i => i.RaisedAt)];
    }

    /// <summary>The coordinator handles every level; the ASE inspector, level 2 only.</summary>
    public static bool MaySee(CurrentUser user, int level) => level >= LowestLevelSeen(user);

    /// <summary>The lowest level <paramref name="user"/> handles; above every level for anyone else.</summary>
    internal static int LowestLevelSeen(CurrentUser user) =>
        user.Is(Roles.Coordinator) ? 1 : user.Is(Roles.Inspector) ? 2 : int.MaxValue;

    /// <summary>How late the task is; for an escalation about no task (raised on purpose), how long it has waited.</summary>
    private static long OverdueSeconds(EscalationRow escalation, TaskRow? about, Instant now)
    {
        var since = Instant.FromDateTimeUtc(about?.DueAt ?? escalation.RaisedAt);
        return Math.Max(0, (long)(now - since).TotalSeconds);
    }
}

/// <summary>An open escalation's row, with the late task it is about, if any.</summary>
internal sealed record OpenEscalation(EscalationRow Row, TaskRow? About);

public sealed record EscalationItem(
    Guid Id, string FileId, int Level, string Reason, DateTime RaisedAt, DateTime? RisesAt, bool Acknowledged, StageItem? Stage,
    PartnerRef? Partner, EscalatedTaskItem? Task, long OverdueSeconds);

public sealed record StageItem(string Id, string Label);

public sealed record EscalatedTaskItem(string Id, string Title, string? DueAt, string? LegalBasis);
