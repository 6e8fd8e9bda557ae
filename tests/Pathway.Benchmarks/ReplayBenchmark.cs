using System.Diagnostics;
using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Replay;
using Pathway.Workflows.Runtime;

namespace Pathway.Benchmarks;

/// <summary>
/// A draft tried on 1,000 recorded files (target: under 10 s). Each file ran a five-task pathway (P10D deadlines, each
/// answered 1 to 15 days after it was assigned, so that about a third missed their deadline and escalated); the draft
/// shortens every deadline to P7D and adds a follow-up task. The histories are recorded with the interpreter and read
/// back from their journals, as the host reads them; only the replay (both sides of every file) is timed.
/// </summary>
internal static class ReplayBenchmark
{
    private const int Tasks = 5;

    public static int Run(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1_000;
        var catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);
        var recorded = ExecutableDefinition.Compile(Pathway(1, days: 10, followUp: false), catalog);
        var draft = ExecutableDefinition.Compile(Pathway(2, days: 7, followUp: true), catalog);
        var opened = Instant.FromUtc(2026, 1, 5, 9, 0);
        var files = Enumerable.Range(0, count).Select(i => Record(recorded, $"F-{i:D5}", opened + Duration.FromHours(i), i)).ToList();
        var asOf = opened + Duration.FromDays(200);
        var replayer = new DraftReplayer(new HashSet<string> { "aemo" });

        replayer.ReplayAll(draft, files.Take(20), _ => recorded, asOf); // warm-up (JIT)
        var clock = Stopwatch.StartNew();
        var report = replayer.ReplayAll(draft, files, _ => recorded, asOf);
        clock.Stop();

        var stimuli = files.Sum(f => f.Stimuli.Count);
        Console.WriteLine($"Replay of {count} recorded files ({stimuli} recorded stimuli, both sides of each file): {clock.Elapsed.TotalSeconds:F2} s, " +
                          $"{clock.Elapsed.TotalMilliseconds / count:F2} ms per file (target: {count:N0} files in under 10 s).");
        Console.WriteLine($"  differing {report.Totals.Differing}, stopped {report.Totals.Stopped}, tasks new {report.Totals.TasksNew}, " +
                          $"earlier {report.Totals.TasksEarlier}, escalations raised {report.Totals.EscalationsRaised}, avoided {report.Totals.EscalationsAvoided}.");
        return clock.Elapsed < TimeSpan.FromSeconds(10) ? 0 : 1;
    }

    private static WorkflowDefinition Pathway(int version, int days, bool followUp)
    {
        var activities = new List<ActivityNode> { new() { Id = "start", Type = "Start" } };
        var ids = Enumerable.Range(1, Tasks).Select(i => $"task-{i}").Concat(followUp ? ["suivi"] : []).ToList();
        foreach (var id in ids)
            activities.Add(new ActivityNode
            {
                Id = id, Type = "PartnerTask",
                Inputs = new JsonObject
                {
                    ["partner"] = "crip-93", ["title"] = "Évaluer", ["outcomes"] = new JsonArray("aemo"),
                    ["deadline"] = new JsonObject { ["duration"] = $"P{days}D" },
                },
            });
        activities.Add(new ActivityNode { Id = "end", Type = "End" });
        var connections = new List<Connection> { new() { Source = "start", Outcome = "done", Target = ids[0] } };
        for (var i = 0; i < ids.Count; i++)
        {
            var next = i + 1 < ids.Count ? ids[i + 1] : "end";
            connections.Add(new Connection { Source = ids[i], Outcome = "aemo", Target = next });
            connections.Add(new Connection { Source = ids[i], Outcome = "declined", Target = "end" });
        }

        return new WorkflowDefinition
        {
            Id = "bench-replay", Version = version, Name = "Parcours rejoué", Activities = activities, Connections = connections,
        };
    }

    /// <summary>Runs one file on <paramref name="definition"/>: each task answered (i mod 15) + 1 days after it was
    /// assigned, the timers due before firing first as the scheduler fires them; read back from its journal.</summary>
    private static RecordedFile Record(ExecutableDefinition definition, string fileId, Instant opened, int i)
    {
        var clock = new StepClock { Now = opened };
        var interpreter = new Interpreter(clock);
        var journal = new List<JournalEntry>();
        var state = Take(interpreter.Start(definition, fileId, new StartFile("start", "user:coordinatrice")));
        for (var step = 0; step < Tasks; step++)
        {
            var answerAt = clock.Now + Duration.FromDays((i + step) % 15 + 1);
            while (state.Tokens.SelectMany(t => t.Bookmarks).Where(b => b.DueAt <= answerAt).MinBy(b => b.DueAt) is { } timer)
            {
                clock.Now = timer.DueAt!.Value;
                state = Take(interpreter.Apply(definition, state, new ResumeBookmark($"timer:{timer.Id}", "system:timer", timer.Id)));
            }

            clock.Now = answerAt;
            var task = state.Tokens.SelectMany(t => t.Bookmarks).First(b => b.Purpose == "task");
            state = Take(interpreter.Apply(definition, state, new ResumeBookmark($"answer:{step}", "crip-93", task.Id,
                new JsonObject { ["answer"] = "completed", ["outcome"] = "aemo" })));
        }

        return RecordedJournal.Read(fileId, "bench-replay", 1, journal);

        FileState Take(StepResult result)
        {
            journal.AddRange(result.Journal);
            return result.State;
        }
    }

    private sealed class StepClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }
}
