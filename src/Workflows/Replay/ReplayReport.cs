using System.Text.Json.Serialization;
using NodaTime;

namespace Pathway.Workflows.Replay;

/// <summary>What a draft would have done to a set of recorded files, file by file and in total. File ids, stages,
/// activity ids, partner ids and times only: no variable value, no answer's content.</summary>
public sealed record ReplayReport(string DefinitionId, int DraftVersion, Instant AsOf, ReplayTotals Totals, IReadOnlyList<FileReplay> Files);

/// <summary>One file: where it ends under the version it ran on and under the draft, and what differs.</summary>
/// <param name="Stop">Where the draft could not take a recorded stimulus; the draft's side is the file as it stood there.</param>
/// <param name="RecordedStop">Where the recorded version itself could not be replayed (a file migrated between versions).</param>
public sealed record FileReplay(
    string FileId, int RecordedVersion, ReplaySide Recorded, ReplaySide Draft,
    IReadOnlyList<TaskDifference> Tasks, IReadOnlyList<EscalationDifference> Escalations,
    IReadOnlyList<ReplayedStimulus> Ignored, ReplayStop? Stop, ReplayStop? RecordedStop)
{
    /// <summary>True when the draft would have left the file elsewhere or treated it differently.</summary>
    public bool Differs =>
        Stop is not null || Tasks.Count > 0 || Escalations.Count > 0 || Recorded.Status != Draft.Status
        || !Recorded.Stages.SequenceEqual(Draft.Stages) || !Recorded.Activities.SequenceEqual(Draft.Activities);
}

/// <summary>A file at the end of a replay (at the report's time, or where the replay stopped), with its indicators.</summary>
/// <param name="Activities">The activities waiting, sorted.</param>
/// <param name="DaysToFirstMeasure">From the signalement to the first protective measure, as the Observatoire counts it.</param>
/// <param name="MissedDeadlines">Level-1 escalations about a partner's task (a deadline or an acknowledgement missed).</param>
public sealed record ReplaySide(string Status, IReadOnlyList<string> Stages, IReadOnlyList<string> Activities,
    double? DaysToFirstMeasure, int MissedDeadlines)
{
    /// <summary>Equal when the lists hold the same ids in the same order (a record compares lists by reference).</summary>
    public bool Equals(ReplaySide? other) =>
        other is not null && Status == other.Status && Stages.SequenceEqual(other.Stages) && Activities.SequenceEqual(other.Activities)
        && DaysToFirstMeasure == other.DaysToFirstMeasure && MissedDeadlines == other.MissedDeadlines;

    public override int GetHashCode() => HashCode.Combine(Status, Stages.Count, Activities.Count, DaysToFirstMeasure, MissedDeadlines);
}

[JsonConverter(typeof(JsonStringEnumConverter<DifferenceKind>))]
public enum DifferenceKind
{
    /// <summary>Only the draft assigns this task.</summary>
    New,
    /// <summary>Only the recorded history has it.</summary>
    Gone,
    Earlier,
    Later,
}

/// <summary>A task assigned by one side only, or due at another time. Tasks are matched by activity, partner and
/// rank (the second task of an activity to a partner matches the second).</summary>
/// <param name="ShiftHours">Draft due minus recorded due, in hours (negative: earlier).</param>
public sealed record TaskDifference(string ActivityId, string? Stage, string Partner, int Rank, DifferenceKind Kind,
    Instant? RecordedDueAt, Instant? DraftDueAt, double? ShiftHours);

[JsonConverter(typeof(JsonStringEnumConverter<EscalationChange>))]
public enum EscalationChange
{
    /// <summary>The draft raises it, the recorded history did not.</summary>
    Raised,
    /// <summary>The recorded history raised it, the draft would not have.</summary>
    Avoided,
}

/// <summary>An escalation on one side only, matched by activity, level, cause and rank.</summary>
public sealed record EscalationDifference(string ActivityId, string? Stage, int Level, string Cause, int Rank, EscalationChange Change, Instant At);

/// <summary>A recorded stimulus as a report names it: its kind, time and activity, never its content.</summary>
public sealed record ReplayedStimulus(int Index, string Kind, Instant At, string? ActivityId, string? Purpose, string Reason);

/// <summary>Where a replay stopped: the stimulus (its rank in the file's history) and why.</summary>
public sealed record ReplayStop(int Index, string Kind, Instant At, string? ActivityId, string? Purpose, string Reason);

/// <summary>The set in total. Means and medians are over the files that reached a measure.</summary>
public sealed record ReplayTotals(
    int Files, int Differing, int Stopped, int StageChanged,
    int TasksNew, int TasksGone, int TasksEarlier, int TasksLater,
    int EscalationsRaised, int EscalationsAvoided,
    IndicatorTotals Recorded, IndicatorTotals Draft);

public sealed record IndicatorTotals(int FilesWithMeasure, double? MeanDaysToFirstMeasure, double? MedianDaysToFirstMeasure, int MissedDeadlines);
