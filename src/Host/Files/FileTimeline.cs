using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Activities.Tasks;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Files;

/// <summary>One line of a file's timeline: a journal line with who did it and what it means, in French.</summary>
public sealed record TimelineItem(
    long Sequence, DateTime At, string Actor, string ActorLabel, string Kind, string? ActivityId, string? ActivityLabel, StageRef? Stage,
    string Summary);

public sealed record Timeline(IReadOnlyList<TimelineItem> Items);

/// <summary>
/// <c>GET /api/files/{id}/timeline</c>: the file's journal, line by line. A partner sees the lines about its own tasks
/// (their activities, the messages sent to it, its own answers), not the coordination's escalations nor the rest of
/// the file.
/// </summary>
internal sealed class FileTimeline(PathwayDbContext context, DefinitionStore definitions, ActivityCatalog catalog, DeploymentCalendar calendar)
{
    public async Task<Timeline?> ReadAsync(FileViewer viewer, ActorNames names, string fileId, CancellationToken cancellationToken)
    {
        var file = await viewer.Files(context).AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null) return null;
        var labels = await DefinitionLabels.ForAsync(definitions, catalog, context, file.DefinitionId, file.Version, cancellationToken);
        var summary = new TimelineSummary(labels, names, calendar.Zone);
        var lines = await context.Journal.AsNoTracking().Where(j => j.FileId == fileId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);

        Func<JournalRow, JsonObject?, bool> shown = (_, _) => true;
        if (viewer.Partner is { } partner)
        {
            var own = (await viewer.Tasks(context, fileId).Select(t => new { t.ActivityId, t.AssignedAt, t.ClosedAt }).ToListAsync(cancellationToken))
                .ToLookup(t => t.ActivityId, t => (From: t.AssignedAt, To: t.ClosedAt ?? DateTime.MaxValue));
            shown = (line, data) => AboutPartner(line, data, partner, own);
        }

        var items = new List<TimelineItem>();
        foreach (var line in lines)
        {
            var data = line.Data is null ? null : JsonNode.Parse(line.Data) as JsonObject;
            if (!shown(line, data)) continue;
            items.Add(new TimelineItem(line.Sequence, line.At, line.Actor, names.Label(line.Actor), line.Kind, line.ActivityId,
                labels.Activity(line.ActivityId), labels.StageOf(line.ActivityId), summary.Of(line, data)));
        }

        return new Timeline(items);
    }

    /// <summary>
    /// A line a partner may read: its own answers, and what happened to its own tasks while they were its own (a task
    /// reassigned to another partner stays on the same activity: what follows is not the first partner's business),
    /// without the escalations they caused (between the coordination and the inspection) nor messages to anyone else.
    /// </summary>
    private static bool AboutPartner(JournalRow line, JsonObject? data, string partner, ILookup<string, (DateTime From, DateTime To)> ownTasks)
    {
        if (line.Kind == JournalKinds.StimulusReceived) return line.Actor == partner;
        if (line.ActivityId is null || !ownTasks[line.ActivityId].Any(t => t.From <= line.At && line.At <= t.To)) return false;
        return line.Kind switch
        {
            JournalKinds.EffectEmitted => Text(data, "destination") == partner,
            JournalKinds.ActivityResumed => Text(data, "purpose") is not (EscalationBookmarks.Purpose or EscalationBookmarks.RisePurpose),
            _ => true,
        };
    }

    private static string? Text(JsonObject? data, string name) => data?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
