using Pathway.Host.Cli;

namespace Pathway.Workflows.Tests.Replay;

/// <summary><c>definitions replay</c> on recorded files exported as JSON, as the CI of a definitions repository runs it:
/// the pathway of <see cref="DraftReplayTests"/>, v1 beside the draft v2 in <c>definitions/replay-spec/</c>.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pathway-replay-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>F-2, recorded on v1: opened on 2 March 09:00 UTC, the CRIP answered « classement » on 4 March.</summary>
    private const string Recorded = """
        [ { "fileId": "F-2", "definitionId": "replay-spec", "version": 1, "openedAt": "2026-03-02T09:00:00Z",
            "startVariables": { "prenom": "Lina" },
            "stimuli": [ { "id": "answer:1", "at": "2026-03-04T09:00:00Z", "actor": "crip-93", "kind": "Answer",
                           "activityId": "evaluation", "purpose": "task",
                           "payload": { "answer": "completed", "outcome": "classement" } } ] } ]
        """;

    private (string Draft, string Files) Write(string draft)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "replay-spec")).FullName;
        File.WriteAllText(Path.Combine(folder, "v1.json"), DraftReplayTests.PathwayJson(1, days: 10));
        File.WriteAllText(Path.Combine(folder, "v2.json"), draft);
        File.WriteAllText(Path.Combine(_folder, "recorded.json"), Recorded);
        return (Path.Combine(folder, "v2.json"), Path.Combine(_folder, "recorded.json"));
    }

    [Fact]
    public async Task A_draft_that_cannot_take_a_recorded_answer_stops_the_replay_names_it_and_exits_1()
    {
        // The draft's evaluation only knows « aemo »: the recorded « classement » (stimulus 1) cannot be taken.
        var (draft, files) = Write(DraftReplayTests.PathwayJson(2, days: 10, outcomes: "\"aemo\""));
        var report = Path.Combine(_folder, "report.json");

        var (exit, output) = await Run("definitions", "replay", draft, "--recorded", files, "--report", report);

        Assert.Equal(1, exit);
        Assert.Equal(
            "F-2: completed → evaluation; tasks 0 new, 0 gone, 0 earlier, 0 later; escalations 0 raised, 0 avoided; "
            + "STOPS at stimulus 1 (answer at 2026-03-04T09:00:00Z on evaluation): The outcome is not one of this task's: aemo.\n"
            + "1 file(s) replayed on replay-spec v2: 1 differ, 1 stop, 1 end elsewhere; tasks 0 new, 0 gone, 0 earlier, 0 later; "
            + "escalations 0 raised, 0 avoided; missed deadlines 0 → 0; mean days to first measure – → –.\n",
            output);
        Assert.Contains("\"stop\":{\"index\":1", File.ReadAllText(report));
        Assert.DoesNotContain("Lina", File.ReadAllText(report));
    }

    [Fact]
    public async Task A_draft_that_takes_every_recorded_stimulus_exits_0_even_when_it_differs()
    {
        // P4D: 2 March + 4 days = Friday 6 March, due 6 March 23:00 UTC instead of 12 March 23:00 UTC; the answer on
        // 4 March comes before either deadline: the task is due 144 hours earlier, nothing else changes.
        var (draft, files) = Write(DraftReplayTests.PathwayJson(2, days: 4));

        var (exit, output) = await Run("definitions", "replay", draft, "--recorded", files);

        Assert.Equal(0, exit);
        Assert.StartsWith("F-2: completed → completed; tasks 0 new, 0 gone, 1 earlier, 0 later;", output);
    }

    [Fact]
    public async Task A_recorded_version_missing_beside_the_draft_is_an_input_error_exit_2()
    {
        var (draft, files) = Write(DraftReplayTests.PathwayJson(2, days: 10));
        File.Delete(Path.Combine(_folder, "replay-spec", "v1.json"));

        var (exit, _) = await Run("definitions", "replay", draft, "--recorded", files);

        Assert.Equal(2, exit);
    }

    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var exit = await CommandLine.RunAsync(args, output, new StringWriter());
        return (exit, output.ToString());
    }
}
