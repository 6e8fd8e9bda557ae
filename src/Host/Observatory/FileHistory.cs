using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Observatory;

/// <summary>A journal line as the indicators read it (no variable values, no free text: see <see cref="ObservatoryReader"/>).</summary>
internal sealed record HistoryLine(long Sequence, Instant At, string Kind, string? ActivityId, string? TokenId, string? Data);

/// <summary>One file as the indicators see it.</summary>
/// <param name="SignalementAt">When the signalement was received (the intake's date, at midnight in Paris), else when the file opened.</param>
/// <param name="Stays">The time spent in each stage the file has left (stages it still stands in are not over).</param>
internal sealed record FileFacts(
    string FileId, Instant OpenedAt, Instant SignalementAt, Instant? FirstMeasureAt, IReadOnlyList<string> Measures,
    IReadOnlyList<Instant> Runaways, IReadOnlyList<StageStay> Stays, IReadOnlyList<string> StagesReached)
{
    public double? DaysToFirstMeasure => FirstMeasureAt is { } at ? Math.Max(0, (at - SignalementAt).TotalDays) : null;
}

/// <summary>The time a file stood in a stage, and when it left it last.</summary>
internal sealed record StageStay(string Stage, double Days, Instant LeftAt);

/// <summary>
/// Reads a file's journal into <see cref="FileFacts"/>. A stage is occupied while one of the file's activities in
/// that stage is in progress: from its <c>activity.entered</c> line to its <c>activity.completed</c>,
/// <c>activity.withdrawn</c> or <c>join.arrived</c> line for the same token (or the file's closing line). Parallel
/// branches in one stage count once: the time in a stage is the length of the union of its occupations.
/// </summary>
internal static class FileHistory
{
    public static FileFacts Read(string fileId, Instant openedAt, Instant? receivedAt, DefinitionFacts definition, IEnumerable<HistoryLine> lines)
    {
        var occupied = new Dictionary<string, (string Activity, Instant Since)>(StringComparer.Ordinal);
        var spans = new Dictionary<string, List<(Instant From, Instant To)>>(StringComparer.Ordinal);
        var reached = new List<string>();
        var measures = new List<string>();
        var runaways = new List<Instant>();
        Instant? firstMeasure = null;

        void Leave(string? token, string? activity, Instant at)
        {
            if (token is null || !occupied.TryGetValue(token, out var occupation) || occupation.Activity != activity) return;
            occupied.Remove(token);
            if (definition.StageOf(activity) is { } stage)
                (spans.TryGetValue(stage, out var list) ? list : spans[stage] = []).Add((occupation.Since, at));
        }

        foreach (var line in lines.OrderBy(l => l.Sequence))
        {
            switch (line.Kind)
            {
                case JournalKinds.ActivityEntered when line.TokenId is not null && line.ActivityId is not null:
                    occupied[line.TokenId] = (line.ActivityId, line.At);
                    if (definition.StageOf(line.ActivityId) is { } stage && !reached.Contains(stage)) reached.Add(stage);
                    break;
                case JournalKinds.ActivityCompleted:
                    if (Outcome(line.Data) is { } outcome && PathwayVocabulary.MeasureOutcomes.Contains(outcome))
                    {
                        firstMeasure ??= line.At;
                        if (!measures.Contains(outcome)) measures.Add(outcome);
                    }

                    if (definition.ReceivesRunaway(line.ActivityId)) runaways.Add(line.At);
                    Leave(line.TokenId, line.ActivityId, line.At);
                    break;
                case JournalKinds.ActivityWithdrawn or JournalKinds.JoinArrived:
                    Leave(line.TokenId, line.ActivityId, line.At);
                    break;
                case JournalKinds.FileCompleted or JournalKinds.FileCancelled or JournalKinds.FileFaulted:
                    foreach (var (token, occupation) in occupied.ToList()) Leave(token, occupation.Activity, line.At);
                    break;
            }
        }

        var stillIn = occupied.Values.Select(o => definition.StageOf(o.Activity)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var stays = spans.Where(s => !stillIn.Contains(s.Key))
            .Select(s => new StageStay(s.Key, UnionLength(s.Value).TotalDays, s.Value.Max(v => v.To)))
            .ToList();
        var signalementAt = receivedAt ?? openedAt;
        return new FileFacts(fileId, openedAt, signalementAt, firstMeasure, measures, runaways, stays, reached);
    }

    private static string? Outcome(string? data) =>
        data is not null && JsonNode.Parse(data) is JsonObject fields && fields["outcome"] is JsonValue value && value.TryGetValue<string>(out var outcome)
            ? outcome : null;

    private static Duration UnionLength(List<(Instant From, Instant To)> spans)
    {
        var total = Duration.Zero;
        Instant? from = null, to = null;
        foreach (var span in spans.OrderBy(s => s.From))
        {
            if (to is { } end && span.From <= end)
            {
                if (span.To > end) to = span.To;
                continue;
            }

            if (from is { } f && to is { } t) total += t - f;
            (from, to) = (span.From, span.To);
        }

        if (from is { } lastFrom && to is { } lastTo) total += lastTo - lastFrom;
        return total;
    }
}
