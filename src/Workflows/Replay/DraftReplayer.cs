using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Replay;

/// <summary>
/// Replays recorded files against a draft in memory, with the interpreter, and compares each with the same history
/// replayed on the version the file ran on. Pure: nothing is read or written, no effect leaves (the interpreter's
/// effects are dropped). Both sides follow the same rules, so a draft identical to the recorded version differs in
/// nothing.
/// <para>Timers are not taken from the history: each side fires the timers its own definition sets, at their due
/// time, before the next recorded stimulus that comes at or after that time, and up to <c>asOf</c> after the last
/// one. A deadline the draft sets later does not fire at the recorded time; one it sets earlier fires earlier; one
/// it does not set never fires. The recorded firings are dropped (their only information, the time, is re-derived).</para>
/// <para>Answers and console actions resume the bookmark with the recorded activity and purpose (the newest such,
/// when there are several): the draft must wait there for that, or the replay stops. An event nobody waits for is
/// ignored, as the engine ignores it.</para>
/// </summary>
/// <param name="measureOutcomes">The outcomes that are a protective measure, as the Observatoire counts them.</param>
public sealed class DraftReplayer(IReadOnlySet<string> measureOutcomes, DeploymentCalendar? calendar = null)
{
    /// <summary>Timer firings a side may take for one file before it is stopped (a definition that loops on a timer).</summary>
    public const int MaxTimerFirings = 10_000;

    private readonly DeploymentCalendar _calendar = calendar ?? DeploymentCalendar.Metropole;

    /// <summary>Replays every file against <paramref name="draft"/>; <paramref name="recordedVersion"/> gives the
    /// version each file ran on.</summary>
    public ReplayReport ReplayAll(ExecutableDefinition draft, IEnumerable<RecordedFile> files,
        Func<RecordedFile, ExecutableDefinition> recordedVersion, Instant asOf)
    {
        var replays = files.Select(f => Replay(recordedVersion(f), draft, f, asOf)).ToList();
        return new ReplayReport(draft.Definition.Id, draft.Definition.Version, asOf, Totals(replays), replays);
    }

    public FileReplay Replay(ExecutableDefinition recorded, ExecutableDefinition draft, RecordedFile file, Instant asOf)
    {
        var before = Run(recorded, file, asOf);
        var after = Run(draft, file, asOf);
        return new FileReplay(file.FileId, file.Version, Side(recorded, before, file), Side(draft, after, file),
            Tasks(recorded, draft, before, after), Escalations(recorded, draft, before, after), after.Ignored, after.Stop, before.Stop);
    }

    // ---- one side -----------------------------------------------------------------------------------------

    private sealed class SideRun
    {
        public FileState? State { get; set; }
        public List<JournalEntry> Journal { get; } = [];
        public List<ActivityRecord> Records { get; } = [];
        public List<ReplayedStimulus> Ignored { get; } = [];
        public ReplayStop? Stop { get; set; }
        public int Timers { get; set; }

        public void Take(StepResult result)
        {
            State = result.State;
            if (result.Ignored) return;
            Journal.AddRange(result.Journal);
            Records.AddRange(result.Records);
        }
    }

    /// <summary>A clock the replay sets to each stimulus's time.</summary>
    private sealed class ReplayClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }

    private SideRun Run(ExecutableDefinition definition, RecordedFile file, Instant asOf)
    {
        var clock = new ReplayClock { Now = file.OpenedAt };
        var interpreter = new Interpreter(clock) { Calendar = _calendar };
        var run = new SideRun();
        try
        {
            run.Take(interpreter.Start(definition, file.FileId, new StartFile("replay:start", file.OpenedBy, StartVariables(definition, file))));
        }
        catch (StimulusRejectedException rejected)
        {
            run.Stop = new ReplayStop(0, "start", file.OpenedAt, null, null, rejected.Message);
            return run;
        }

        if (Faulted(run, 0, "start", file.OpenedAt, null, null)) return run;
        for (var index = 0; index < file.Stimuli.Count; index++)
        {
            var recorded = file.Stimuli[index];
            if (recorded.Kind == RecordedStimulusKind.Timer) continue;
            if (!FireTimers(interpreter, clock, definition, run, until: recorded.At)) return run;
            if (Apply(interpreter, clock, definition, run, recorded, index + 1) is false) return run;
        }

        FireTimers(interpreter, clock, definition, run, until: asOf);
        return run;
    }

    /// <summary>The start values the definition declares and whose type it takes, as the intake fills them.</summary>
    private static Dictionary<string, JsonNode?> StartVariables(ExecutableDefinition definition, RecordedFile file) =>
        file.StartVariables
            .Where(v => definition.Variables.TryGetValue(v.Key, out var declared) && VariableValues.Problem(declared, v.Value) is null)
            .ToDictionary(v => v.Key, v => v.Value?.DeepClone(), StringComparer.Ordinal);

    /// <returns>False when the replay stopped.</returns>
    private static bool Apply(Interpreter interpreter, ReplayClock clock, ExecutableDefinition definition, SideRun run,
        RecordedStimulus recorded, int index)
    {
        var state = run.State!;
        var kind = Kind(recorded.Kind);
        if (recorded.Kind == RecordedStimulusKind.Migration)
        {
            run.Stop = new ReplayStop(index, kind, recorded.At, null, null, "the file was moved to another version here; what follows is not replayed");
            return false;
        }

        if (state.Status != FileStatus.Running)
        {
            run.Ignored.Add(new ReplayedStimulus(index, kind, recorded.At, recorded.ActivityId, recorded.Purpose,
                $"the file is already {state.Status.ToString().ToLowerInvariant()}"));
            return true;
        }

        Stimulus? stimulus;
        switch (recorded.Kind)
        {
            case RecordedStimulusKind.Answer:
                var bookmark = state.Tokens.Where(t => t.ActivityId == recorded.ActivityId).SelectMany(t => t.Bookmarks)
                    .Where(b => b.Kind == BookmarkKind.Reply && b.Purpose == recorded.Purpose).MaxBy(b => b.CreatedAt);
                if (bookmark is null)
                {
                    run.Stop = new ReplayStop(index, kind, recorded.At, recorded.ActivityId, recorded.Purpose,
                        $"the draft does not wait at '{recorded.ActivityId}' for a {recorded.Purpose ?? "reply"}");
                    return false;
                }

                stimulus = new ResumeBookmark(recorded.Id, recorded.Actor, bookmark.Id, recorded.Payload?.DeepClone().AsObject());
                break;
            case RecordedStimulusKind.Event:
                var waiting = state.Tokens.SelectMany(t => t.Bookmarks)
                    .FirstOrDefault(b => b.Kind == BookmarkKind.Event && b.EventName == recorded.EventName);
                stimulus = waiting is null ? null
                    : new RaiseEvent(recorded.Id, recorded.Actor, recorded.EventName!, waiting.CorrelationKey ?? state.FileId, recorded.Payload?.DeepClone().AsObject());
                break;
            case RecordedStimulusKind.CancelActivity:
                stimulus = new CancelActivity(recorded.Id, recorded.Actor, recorded.ActivityId ?? "", recorded.Reason ?? "");
                if (!state.Tokens.Any(t => t.ActivityId == recorded.ActivityId && t.IsWaiting))
                {
                    run.Stop = new ReplayStop(index, kind, recorded.At, recorded.ActivityId, null,
                        $"the draft has nothing waiting at '{recorded.ActivityId}' to withdraw");
                    return false;
                }

                break;
            default:
                stimulus = new CancelFile(recorded.Id, recorded.Actor, recorded.Reason ?? "");
                break;
        }

        if (stimulus is null)
        {
            run.Ignored.Add(new ReplayedStimulus(index, kind, recorded.At, null, null, $"no activity of the draft waits for event '{recorded.EventName}'"));
            return true;
        }

        clock.Now = recorded.At;
        try
        {
            var result = interpreter.Apply(definition, state, stimulus);
            if (result.Ignored)
                run.Ignored.Add(new ReplayedStimulus(index, kind, recorded.At, recorded.ActivityId, recorded.Purpose, result.IgnoredBecause!));
            run.Take(result);
        }
        catch (StimulusRejectedException rejected)
        {
            run.Stop = new ReplayStop(index, kind, recorded.At, recorded.ActivityId, recorded.Purpose, rejected.Message);
            return false;
        }

        return !Faulted(run, index, kind, recorded.At, recorded.ActivityId, recorded.Purpose);
    }

    /// <summary>Fires, in due order, every timer of the side's own definition due at or before <paramref name="until"/>.</summary>
    /// <returns>False when the replay stopped.</returns>
    private static bool FireTimers(Interpreter interpreter, ReplayClock clock, ExecutableDefinition definition, SideRun run, Instant until)
    {
        while (run.State!.Status == FileStatus.Running)
        {
            var next = run.State.Tokens.SelectMany(t => t.Bookmarks)
                .Where(b => b.DueAt is { } due && due <= until)
                .OrderBy(b => b.DueAt).ThenBy(b => b.CreatedAt).FirstOrDefault();
            if (next is null) return true;
            if (++run.Timers > MaxTimerFirings)
            {
                run.Stop = new ReplayStop(-1, "timer", next.DueAt!.Value, next.ActivityId, next.Purpose,
                    $"more than {MaxTimerFirings} timers fired: the definition loops on a timer");
                return false;
            }

            clock.Now = next.DueAt!.Value;
            run.Take(interpreter.Apply(definition, run.State, new ResumeBookmark($"replay:timer:{run.Timers}", "system:timer", next.Id)));
            if (Faulted(run, -1, "timer", clock.Now, next.ActivityId, next.Purpose)) return false;
        }

        return true;
    }

    private static bool Faulted(SideRun run, int index, string kind, Instant at, string? activityId, string? purpose)
    {
        if (run.State!.Status != FileStatus.Faulted) return false;
        run.Stop = new ReplayStop(index, kind, at, activityId, purpose, $"the file faulted: {run.State.Fault}");
        return true;
    }

    private static string Kind(RecordedStimulusKind kind) => kind switch
    {
        RecordedStimulusKind.CancelActivity => "cancel-activity",
        RecordedStimulusKind.CancelFile => "cancel-file",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // ---- comparing the sides ------------------------------------------------------------------------------

    private ReplaySide Side(ExecutableDefinition definition, SideRun run, RecordedFile file)
    {
        var state = run.State;
        if (state is null) return new ReplaySide("not-started", [], [], null, 0);
        var from = file.SignalementAt ?? file.OpenedAt;
        var measure = run.Journal.FirstOrDefault(e => e.Kind == JournalKinds.ActivityCompleted
                                                      && e.Data?["outcome"] is JsonValue o && o.TryGetValue<string>(out var outcome)
                                                      && measureOutcomes.Contains(outcome));
        double? days = measure is null ? null : Math.Round(Math.Max(0, (measure.At - from).TotalDays), 2);
        var missed = run.Records.OfType<EscalationRaised>().Count(r => r.AboutTaskId is not null);
        var activities = state.Status == FileStatus.Running
            ? state.Tokens.Where(t => t.IsWaiting).Select(t => t.ActivityId).Distinct().Order(StringComparer.Ordinal).ToList()
            : [];
        return new ReplaySide(state.Status.ToString().ToLowerInvariant(),
            state.Status == FileStatus.Running ? definition.CurrentStages(state) : [], activities, days, missed);
    }

    private sealed record AssignedTask(string ActivityId, string Partner, int Rank, Instant? DueAt);

    private static List<AssignedTask> AssignedTasks(SideRun run)
    {
        var moved = new Dictionary<Guid, Instant>();
        foreach (var m in run.Records.OfType<TaskDeadlineMoved>()) if (m.DueAt is { } due) moved[m.TaskId] = due;
        var ranks = new Dictionary<(string, string), int>();
        var tasks = new List<AssignedTask>();
        foreach (var assigned in run.Records.OfType<TaskAssigned>())
        {
            var key = (assigned.ActivityId, assigned.Partner);
            var rank = ranks[key] = ranks.GetValueOrDefault(key) + 1;
            tasks.Add(new AssignedTask(assigned.ActivityId, assigned.Partner, rank,
                moved.TryGetValue(assigned.TaskId, out var due) ? due : assigned.DueAt));
        }

        return tasks;
    }

    private static IReadOnlyList<TaskDifference> Tasks(ExecutableDefinition recorded, ExecutableDefinition draft, SideRun before, SideRun after)
    {
        var was = AssignedTasks(before).ToDictionary(t => (t.ActivityId, t.Partner, t.Rank));
        var now = AssignedTasks(after).ToDictionary(t => (t.ActivityId, t.Partner, t.Rank));
        var differences = new List<TaskDifference>();
        foreach (var (key, task) in now)
        {
            if (!was.TryGetValue(key, out var old))
                differences.Add(new TaskDifference(task.ActivityId, StageOf(draft, task.ActivityId), task.Partner, task.Rank, DifferenceKind.New, null, task.DueAt, null));
            else if (old.DueAt != task.DueAt)
            {
                double? shift = old.DueAt is { } o && task.DueAt is { } n ? Math.Round((n - o).TotalHours, 2) : null;
                var kind = old.DueAt is null || (task.DueAt is { } d && d > old.DueAt) ? DifferenceKind.Later : DifferenceKind.Earlier;
                differences.Add(new TaskDifference(task.ActivityId, StageOf(draft, task.ActivityId), task.Partner, task.Rank, kind, old.DueAt, task.DueAt, shift));
            }
        }

        foreach (var (key, task) in was.Where(w => !now.ContainsKey(w.Key)))
            differences.Add(new TaskDifference(task.ActivityId, StageOf(recorded, task.ActivityId), task.Partner, task.Rank, DifferenceKind.Gone, task.DueAt, null, null));
        return differences;
    }

    private sealed record RaisedEscalation(string ActivityId, int Level, string Cause, int Rank, Instant At);

    private static List<RaisedEscalation> RaisedEscalations(SideRun run)
    {
        var ranks = new Dictionary<(string, int, string), int>();
        var raised = new List<RaisedEscalation>();
        foreach (var record in run.Records)
        {
            var (level, cause) = record switch
            {
                EscalationRaised r => (1, r.Cause),
                EscalationRisen r => (2, r.Cause),
                _ => (0, ""),
            };
            if (level == 0) continue;
            var key = (record.ActivityId, level, cause);
            var rank = ranks[key] = ranks.GetValueOrDefault(key) + 1;
            raised.Add(new RaisedEscalation(record.ActivityId, level, cause, rank, record.At));
        }

        return raised;
    }

    private static IReadOnlyList<EscalationDifference> Escalations(ExecutableDefinition recorded, ExecutableDefinition draft, SideRun before, SideRun after)
    {
        static (string, int, string, int) Key(RaisedEscalation e) => (e.ActivityId, e.Level, e.Cause, e.Rank);
        var was = RaisedEscalations(before).Select(Key).ToHashSet();
        var now = RaisedEscalations(after);
        var nowKeys = now.Select(Key).ToHashSet();
        return now.Where(e => !was.Contains(Key(e)))
            .Select(e => new EscalationDifference(e.ActivityId, StageOf(draft, e.ActivityId), e.Level, e.Cause, e.Rank, EscalationChange.Raised, e.At))
            .Concat(RaisedEscalations(before).Where(e => !nowKeys.Contains(Key(e)))
                .Select(e => new EscalationDifference(e.ActivityId, StageOf(recorded, e.ActivityId), e.Level, e.Cause, e.Rank, EscalationChange.Avoided, e.At)))
            .ToList();
    }

    private static string? StageOf(ExecutableDefinition definition, string activityId) =>
        definition.Definition.Activities.FirstOrDefault(a => a.Id == activityId)?.Stage;

    // ---- totals -------------------------------------------------------------------------------------------

    private static ReplayTotals Totals(IReadOnlyList<FileReplay> files) => new(
        files.Count, files.Count(f => f.Differs), files.Count(f => f.Stop is not null),
        files.Count(f => !f.Recorded.Stages.SequenceEqual(f.Draft.Stages) || f.Recorded.Status != f.Draft.Status),
        Count(files, DifferenceKind.New), Count(files, DifferenceKind.Gone), Count(files, DifferenceKind.Earlier), Count(files, DifferenceKind.Later),
        files.Sum(f => f.Escalations.Count(e => e.Change == EscalationChange.Raised)),
        files.Sum(f => f.Escalations.Count(e => e.Change == EscalationChange.Avoided)),
        Indicators(files.Select(f => f.Recorded)), Indicators(files.Select(f => f.Draft)));

    private static int Count(IEnumerable<FileReplay> files, DifferenceKind kind) => files.Sum(f => f.Tasks.Count(t => t.Kind == kind));

    private static IndicatorTotals Indicators(IEnumerable<ReplaySide> sides)
    {
        var list = sides.ToList();
        var days = list.Select(s => s.DaysToFirstMeasure).OfType<double>().Order().ToList();
        double? median = days.Count == 0 ? null
            : days.Count % 2 == 1 ? days[days.Count / 2] : Math.Round((days[days.Count / 2 - 1] + days[days.Count / 2]) / 2, 2);
        return new IndicatorTotals(days.Count, days.Count == 0 ? null : Math.Round(days.Average(), 2), median, list.Sum(s => s.MissedDeadlines));
    }
}
