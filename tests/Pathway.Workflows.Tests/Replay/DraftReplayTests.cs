using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Replay;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Infrastructure;
using Pathway.Workflows.Tests.Patterns;

namespace Pathway.Workflows.Tests.Replay;

/// <summary>
/// A draft tried on recorded files. The pathway: an evaluation asked of the CRIP (outcomes aemo, classement), then
/// the end. Every file opens on Monday 2 March 2026 at 09:00 UTC (10:00 in Paris, UTC+1 until 29 March); its
/// signalement was received that day (midnight in Paris: 1 March 23:00 UTC). Histories are recorded by running v1
/// with the interpreter and reading its journal back, as the host reads it from the database.
/// </summary>
public sealed class DraftReplayTests
{
    private static readonly Instant Opened = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly Instant Signalement = Instant.FromUtc(2026, 3, 1, 23, 0);
    private static readonly Instant AsOf = Instant.FromUtc(2026, 3, 20, 12, 0);
    private static readonly IReadOnlySet<string> Measures = new HashSet<string> { "aemo" };

    /// <summary>v1: the evaluation within <paramref name="days"/> calendar days, then the end whatever the answer.</summary>
    private static ExecutableDefinition Pathway(int version, int days, string outcomes = "\"aemo\", \"classement\"", bool followUp = false) =>
        ExecutableDefinition.Compile(DefinitionJson.Deserialize(PathwayJson(version, days, outcomes, followUp)), PatternRun.Catalog);

    internal static string PathwayJson(int version, int days, string outcomes = "\"aemo\", \"classement\"", bool followUp = false) => $$"""
            {
              "id": "replay-spec", "version": {{version}}, "name": "Parcours de l'essai",
              "stages": [ { "id": "evaluation", "name": "Évaluation" }, { "id": "mesures", "name": "Mesures" } ],
              "variables": [ { "name": "prenom", "type": "text" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "evaluation", "type": "PartnerTask", "stage": "evaluation", "inputs": {
                    "partner": "crip-93", "title": "Évaluer", "outcomes": [{{outcomes}}],
                    "deadline": { "duration": "P{{days}}D", "legalBasis": "CASF D226-2-4" } } },
                { "id": "suivi", "type": "PartnerTask", "stage": "mesures", "inputs": {
                    "partner": "amicale-du-nid-93", "title": "Suivre la mesure", "outcomes": ["fin"],
                    "deadline": { "duration": "P15D" } } },
                { "id": "fin", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "done", "target": "evaluation" },
                { "source": "evaluation", "outcome": "aemo", "target": "{{(followUp ? "suivi" : "fin")}}" },
                {{(outcomes.Contains("classement") ? """{ "source": "evaluation", "outcome": "classement", "target": "fin" },""" : "")}}
                { "source": "evaluation", "outcome": "declined", "target": "fin" },
                { "source": "suivi", "outcome": "fin", "target": "fin" },
                { "source": "suivi", "outcome": "declined", "target": "fin" }
              ]
            }
            """;

    private static readonly ExecutableDefinition V1 = Pathway(1, days: 10);

    /// <summary>Records a file on v1: opened, then the CRIP's answers at the given times, v1's own timers firing
    /// when due as the scheduler fires them; read back from its journal.</summary>
    private static RecordedFile Record(string fileId, params (Instant At, string Outcome)[] answers)
    {
        var clock = new FakeClock(Opened);
        var interpreter = new Interpreter(clock);
        var journal = new List<JournalEntry>();
        var state = Take(interpreter.Start(V1, fileId, new StartFile("intake:1", "user:coordinatrice",
            new Dictionary<string, JsonNode?> { ["prenom"] = "Lina" })));
        foreach (var (at, outcome) in answers)
        {
            while (state.Tokens.SelectMany(t => t.Bookmarks).Where(b => b.DueAt <= at).MinBy(b => b.DueAt) is { } timer)
            {
                clock.Now = timer.DueAt!.Value;
                state = Take(interpreter.Apply(V1, state, new ResumeBookmark("timer:" + timer.Id, "system:timer", timer.Id)));
            }

            clock.Now = at;
            var task = state.Tokens.SelectMany(t => t.Bookmarks).Single(b => b.Purpose == "task");
            state = Take(interpreter.Apply(V1, state, new ResumeBookmark("answer:" + at, "crip-93", task.Id,
                new JsonObject { ["answer"] = "completed", ["outcome"] = outcome })));
        }

        return RecordedJournal.Read(fileId, "replay-spec", 1, journal, new Dictionary<string, JsonNode?> { ["prenom"] = "Lina" }, Signalement);

        FileState Take(StepResult result)
        {
            journal.AddRange(result.Journal);
            return result.State;
        }
    }

    private static ReplayReport Replay(ExecutableDefinition draft, params RecordedFile[] files) =>
        new DraftReplayer(Measures).ReplayAll(draft, files, _ => V1, AsOf);

    [Fact]
    public void A_shorter_deadline_and_a_follow_up_task_are_reported_with_the_differences_computed_by_hand()
    {
        // The CRIP answered aemo on Monday 9 March at 09:00 UTC.
        //   v1, P10D: 2 March + 10 days = Thursday 12 March, expiring at midnight in Paris = 12 March 23:00 UTC. The
        //     answer comes first: no escalation; aemo ends the file (completed, no stage).
        //   draft, P4D: 2 March + 4 days = Friday 6 March, a working day = 6 March 23:00 UTC. The deadline fires
        //     before the answer: one level-1 escalation (deadline-missed) on 6 March 23:00 UTC, a missed deadline.
        //     The answer on 9 March closes it and aemo leads to « suivi », a new task to amicale-du-nid-93 with P15D:
        //     9 March + 15 days = Tuesday 24 March = 24 March 23:00 UTC, not due by the report's time (20 March):
        //     the file waits at « suivi », stage « mesures ».
        //   The evaluation is due 6 days (144 hours) earlier. The first measure (aemo on 9 March 09:00 UTC) comes
        //     7 days 10 hours after the signalement (1 March 23:00 UTC) on both sides: 7.42 days.
        var file = Record("F-1", (Instant.FromUtc(2026, 3, 9, 9, 0), "aemo"));

        var report = Replay(Pathway(2, days: 4, followUp: true), file);

        var replay = Assert.Single(report.Files);
        Assert.Null(replay.Stop);
        Assert.Equal(new ReplaySide("completed", [], [], 7.42, 0), replay.Recorded);
        Assert.Equal("running", replay.Draft.Status);
        Assert.Equal(["mesures"], replay.Draft.Stages);
        Assert.Equal(["suivi"], replay.Draft.Activities);
        Assert.Equal((7.42, 1), (replay.Draft.DaysToFirstMeasure, replay.Draft.MissedDeadlines));
        Assert.Equal(
            [
                new TaskDifference("evaluation", "evaluation", "crip-93", 1, DifferenceKind.Earlier,
                    Instant.FromUtc(2026, 3, 12, 23, 0), Instant.FromUtc(2026, 3, 6, 23, 0), -144),
                new TaskDifference("suivi", "mesures", "amicale-du-nid-93", 1, DifferenceKind.New, null, Instant.FromUtc(2026, 3, 24, 23, 0), null),
            ],
            replay.Tasks.OrderBy(t => t.ActivityId));
        Assert.Equal([new EscalationDifference("evaluation", "evaluation", 1, "deadline-missed", 1, EscalationChange.Raised, Instant.FromUtc(2026, 3, 6, 23, 0))],
            replay.Escalations);
        Assert.Equal((1, 1, 0, 1, 1, 0, 0, 1, 1, 0), (report.Totals.Files, report.Totals.Differing, report.Totals.Stopped, report.Totals.StageChanged,
            report.Totals.TasksNew, report.Totals.TasksGone, report.Totals.TasksLater, report.Totals.TasksEarlier,
            report.Totals.EscalationsRaised, report.Totals.EscalationsAvoided));
        Assert.Equal(new IndicatorTotals(1, 7.42, 7.42, 0), report.Totals.Recorded);
        Assert.Equal(new IndicatorTotals(1, 7.42, 7.42, 1), report.Totals.Draft);
    }

    [Fact]
    public void A_deadline_the_draft_sets_later_does_not_fire_at_the_recorded_time_and_its_escalation_is_avoided()
    {
        // The CRIP answered aemo on Monday 16 March at 09:00 UTC, after v1's deadline (12 March 23:00 UTC), which fired
        // and raised an escalation: recorded, one missed deadline.
        //   draft, P20D: 2 March + 20 days = Sunday 22 March, moved to Monday 23 March = 23 March 23:00 UTC, after the
        //     answer: the recorded timer firing is not applied, no escalation. Due 11 days (264 hours) later.
        //   Both sides end completed; the first measure: 16 March 09:00 − 1 March 23:00 = 14 days 10 hours = 14.42.
        var file = Record("F-3", (Instant.FromUtc(2026, 3, 16, 9, 0), "aemo"));
        Assert.Contains(file.Stimuli, s => s.Kind == RecordedStimulusKind.Timer && s.Purpose == "deadline");

        var replay = Assert.Single(Replay(Pathway(2, days: 20), file).Files);

        Assert.Equal(new ReplaySide("completed", [], [], 14.42, 1), replay.Recorded);
        Assert.Equal(new ReplaySide("completed", [], [], 14.42, 0), replay.Draft);
        Assert.Equal([new TaskDifference("evaluation", "evaluation", "crip-93", 1, DifferenceKind.Later,
            Instant.FromUtc(2026, 3, 12, 23, 0), Instant.FromUtc(2026, 3, 23, 23, 0), 264)], replay.Tasks);
        Assert.Equal([new EscalationDifference("evaluation", "evaluation", 1, "deadline-missed", 1, EscalationChange.Avoided, Instant.FromUtc(2026, 3, 12, 23, 0))],
            replay.Escalations);
    }

    [Fact]
    public void The_replay_stops_where_the_draft_cannot_take_a_recorded_answer_and_says_which_and_why()
    {
        // The CRIP answered classement on Wednesday 4 March; the draft's evaluation only knows aemo. Its deadline
        // (P10D, as v1) has not passed: the draft stands at the evaluation, with nothing else done.
        var file = Record("F-2", (Instant.FromUtc(2026, 3, 4, 9, 0), "classement"));

        var report = Replay(Pathway(2, days: 10, outcomes: "\"aemo\""), file);

        var replay = Assert.Single(report.Files);
        Assert.Equal(new ReplayStop(1, "answer", Instant.FromUtc(2026, 3, 4, 9, 0), "evaluation", "task",
            "The outcome is not one of this task's: aemo."), replay.Stop);
        Assert.Equal(new ReplaySide("running", ["evaluation"], ["evaluation"], null, 0), replay.Draft);
        Assert.Equal("completed", replay.Recorded.Status);
        Assert.Equal(1, report.Totals.Stopped);
    }

    [Fact]
    public void Replaying_the_version_a_file_ran_on_differs_in_nothing()
    {
        var files = new[]
        {
            Record("F-1", (Instant.FromUtc(2026, 3, 9, 9, 0), "aemo")),
            Record("F-3", (Instant.FromUtc(2026, 3, 16, 9, 0), "aemo")),
            Record("F-4"),
        };

        var report = Replay(Pathway(1, days: 10), files);

        Assert.All(report.Files, f => Assert.False(f.Differs));
        Assert.Equal(0, report.Totals.Differing);
        // F-4 still waits: its deadline fired on 12 March, re-derived by the replay, as it was recorded.
        Assert.Equal(2, report.Totals.Recorded.MissedDeadlines);
    }
}
