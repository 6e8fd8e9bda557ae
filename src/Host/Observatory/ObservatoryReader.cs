using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Observatory;

/// <summary>
/// Reads what the indicators are computed from, and nothing else: files' dates and versions, the intake's date of
/// receipt, the journal lines that say where a file stood (never the lines carrying variable values, never the
/// stimuli's free text), and the escalations' level, task and partner. No identity is read here.
/// </summary>
internal sealed class ObservatoryReader(PathwayDatabase database, DefinitionStore definitions)
{
    private static readonly string[] HistoryKinds =
    [
        JournalKinds.ActivityEntered, JournalKinds.ActivityCompleted, JournalKinds.ActivityWithdrawn, JournalKinds.JoinArrived,
        JournalKinds.FileCompleted, JournalKinds.FileCancelled, JournalKinds.FileFaulted,
    ];

    /// <summary>The files open at some time in the period, with their history up to its end, and the missed deadlines in it.</summary>
    public async Task<ObservedPeriod> PeriodAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.Start.ToDateTimeUtc(), period.End.ToDateTimeUtc());
        await using var context = database.CreateContext();
        var scope = context.Files.Where(f => f.CreatedAt < end && (f.ClosedAt == null || f.ClosedAt >= start));
        var (files, facts) = await ReadFilesAsync(context, scope, end, cancellationToken);

        // Level 1 about a partner's task: a deadline (or an acknowledgement deadline) passed. An escalation without a task
        // is a process owner's explicit alert (e.g. a partner declined), not a missed deadline.
        var escalations = await context.Escalations.AsNoTracking()
            .Where(e => e.Level == 1 && e.AboutTaskId != null && e.RaisedAt >= start && e.RaisedAt < end)
            .Join(context.Tasks, e => e.AboutTaskId, t => t.Id, (e, t) => new { e.FileId, e.ActivityId, e.RaisedAt, t.Assignee })
            .ToListAsync(cancellationToken);
        var missed = new List<MissedDeadline>();
        foreach (var escalation in escalations)
        {
            if (!files.TryGetValue(escalation.FileId, out var file)) continue;
            missed.Add(new MissedDeadline(escalation.FileId, file.Definition.StageOf(escalation.ActivityId), escalation.Assignee,
                Instant.FromDateTimeUtc(escalation.RaisedAt)));
        }

        return new ObservedPeriod(facts, missed, Stages(files.Values.Select(f => f.Definition)));
    }

    /// <summary>The files opened in the period, with their whole history so far.</summary>
    public async Task<IReadOnlyList<FileFacts>> OpenedInAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.Start.ToDateTimeUtc(), period.End.ToDateTimeUtc());
        await using var context = database.CreateContext();
        var scope = context.Files.Where(f => f.CreatedAt >= start && f.CreatedAt < end);
        return (await ReadFilesAsync(context, scope, until: null, cancellationToken)).Facts;
    }

    private async Task<(Dictionary<string, ObservedFile> Files, IReadOnlyList<FileFacts> Facts)> ReadFilesAsync(
        PathwayDbContext context, IQueryable<FileRow> scope, DateTime? until, CancellationToken cancellationToken)
    {
        var rows = await scope.AsNoTracking().Select(f => new { f.Id, f.DefinitionId, f.Version, f.CreatedAt }).ToListAsync(cancellationToken);
        var received = await context.Intakes.AsNoTracking().Where(i => scope.Any(f => f.Id == i.FileId))
            .Select(i => new { i.FileId, i.ReceivedAt }).ToDictionaryAsync(i => i.FileId, i => i.ReceivedAt, cancellationToken);
        var journal = context.Journal.AsNoTracking().Where(j => HistoryKinds.Contains(j.Kind) && scope.Any(f => f.Id == j.FileId));
        if (until is { } end) journal = journal.Where(j => j.At < end);
        // Only the outcome of a completed activity is read; other lines' data are not needed.
        var outcomes = await journal.Where(j => j.Kind == JournalKinds.ActivityCompleted)
            .Select(j => new { j.FileId, j.Sequence, j.Data }).ToDictionaryAsync(j => (j.FileId, j.Sequence), j => j.Data, cancellationToken);
        var lines = (await journal.Select(j => new { j.FileId, j.Sequence, j.At, j.Kind, j.ActivityId, j.TokenId }).ToListAsync(cancellationToken))
            .ToLookup(j => j.FileId, j => new HistoryLine(j.Sequence, Instant.FromDateTimeUtc(j.At), j.Kind, j.ActivityId, j.TokenId,
                outcomes.GetValueOrDefault((j.FileId, j.Sequence))));

        var versions = new Dictionary<(string, int), DefinitionFacts>();
        var files = new Dictionary<string, ObservedFile>(StringComparer.Ordinal);
        var facts = new List<FileFacts>(rows.Count);
        foreach (var row in rows)
        {
            if (!versions.TryGetValue((row.DefinitionId, row.Version), out var definition))
            {
                var document = await definitions.FindAsync(row.DefinitionId, row.Version, cancellationToken)
                               ?? throw new DefinitionNotFoundException(row.DefinitionId, row.Version);
                versions[(row.DefinitionId, row.Version)] = definition = new DefinitionFacts(document);
            }

            Instant? receivedAt = received.TryGetValue(row.Id, out var date)
                ? LocalDate.FromDateOnly(date).AtStartOfDayInZone(StatisticsPeriod.Zone).ToInstant() : null;
            var fileFacts = FileHistory.Read(row.Id, Instant.FromDateTimeUtc(row.CreatedAt), receivedAt, definition, lines[row.Id]);
            files[row.Id] = new ObservedFile(definition, fileFacts);
            facts.Add(fileFacts);
        }

        return (files, facts);
    }

    /// <summary>The stages of the definitions seen, in the order of each definition's newest version.</summary>
    private static IReadOnlyList<StageLabel> Stages(IEnumerable<DefinitionFacts> seen)
    {
        var stages = new List<StageLabel>();
        foreach (var definition in seen.DistinctBy(d => (d.Definition.Id, d.Definition.Version))
                     .OrderBy(d => d.Definition.Id, StringComparer.Ordinal).ThenByDescending(d => d.Definition.Version))
        foreach (var stage in definition.Definition.Stages.Where(s => stages.All(known => known.Id != s.Id)))
            stages.Add(new StageLabel(stage.Id, stage.Name));
        return stages;
    }

    private sealed record ObservedFile(DefinitionFacts Definition, FileFacts Facts);
}

internal sealed record ObservedPeriod(IReadOnlyList<FileFacts> Files, IReadOnlyList<MissedDeadline> MissedDeadlines, IReadOnlyList<StageLabel> Stages);

/// <summary>A level-1 escalation about a partner's task.</summary>
internal sealed record MissedDeadline(string FileId, string? Stage, string? Partner, Instant RaisedAt);

internal sealed record StageLabel(string Id, string Label);
