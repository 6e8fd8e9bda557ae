using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Host.Observatory;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Observatory;

/// <summary>How a file's journal becomes the facts the indicators count.</summary>
public sealed class FileHistoryTests
{
    private static readonly Instant Day0 = Instant.FromUtc(2026, 3, 2, 8, 0);

    private static readonly DefinitionFacts Definition = new(new WorkflowDefinition
    {
        Id = "histoire", Version = 1, Name = "Histoire",
        Stages = [new StageDefinition { Id = "evaluation", Name = "Évaluation" }, new StageDefinition { Id = "parquet", Name = "Parquet" }],
        Activities =
        [
            new ActivityNode { Id = "crip", Type = "PartnerTask", Stage = "evaluation" },
            new ActivityNode { Id = "coordination", Type = "PartnerTask", Stage = "evaluation" },
            new ActivityNode { Id = "decision", Type = "PartnerTask", Stage = "parquet" },
            new ActivityNode { Id = "fugue", Type = "WaitForEvent", Stage = "parquet", Inputs = new JsonObject { ["event"] = "fugue-declaree" } },
        ],
        Connections = [],
    });

    [Fact]
    public void Parallel_branches_in_one_stage_count_once()
    {
        var facts = Read(
            Entered(1, 0, "crip", "t1"), Entered(2, 1, "coordination", "t2"),
            Completed(3, 2, "crip", "t1", "faite"), Completed(4, 3, "coordination", "t2", "faite"),
            Entered(5, 3, "decision", "t3"), Completed(6, 5, "decision", "t3", "classement"), Line(7, 5, JournalKinds.FileCompleted));

        var evaluation = Assert.Single(facts.Stays, s => s.Stage == "evaluation");
        Assert.Equal(3, evaluation.Days);
        Assert.Equal(Day0 + Duration.FromDays(3), evaluation.LeftAt);
        Assert.Equal(2, Assert.Single(facts.Stays, s => s.Stage == "parquet").Days);
        Assert.Null(facts.FirstMeasureAt);
    }

    [Fact]
    public void A_stage_the_file_still_stands_in_is_reached_but_not_over()
    {
        var facts = Read(Entered(1, 0, "crip", "t1"), Completed(2, 1, "crip", "t1", "faite"), Entered(3, 1, "decision", "t1"));

        Assert.Equal(["evaluation", "parquet"], facts.StagesReached);
        Assert.Equal(["evaluation"], facts.Stays.Select(s => s.Stage));
    }

    [Fact]
    public void The_first_measure_is_the_first_measure_outcome_and_runaways_are_the_declared_ones()
    {
        var facts = Read(
            Entered(1, 0, "decision", "t1"), Completed(2, 4, "decision", "t1", "opp"),
            Entered(3, 4, "fugue", "t1"), Completed(4, 9, "fugue", "t1", "done"), Entered(5, 9, "fugue", "t1"),
            Line(6, 12, JournalKinds.FileCancelled));

        Assert.Equal(Day0 + Duration.FromDays(4), facts.FirstMeasureAt);
        Assert.Equal(["opp"], facts.Measures);
        Assert.Equal([Day0 + Duration.FromDays(9)], facts.Runaways);
        Assert.Equal(12, Assert.Single(facts.Stays).Days);   // the cancelled file left its last stage when it closed
    }

    [Fact]
    public void The_time_to_the_first_measure_runs_from_the_signalement_when_there_is_one()
    {
        var signalled = Day0 - Duration.FromDays(3);

        var facts = FileHistory.Read("F", Day0, signalled, Definition, [Entered(1, 0, "decision", "t1"), Completed(2, 4, "decision", "t1", "opp")]);

        Assert.Equal(7, facts.DaysToFirstMeasure);
    }

    [Fact]
    public void The_pathways_of_the_repository_use_the_words_the_indicators_look_for()
    {
        foreach (var version in new[] { 1, 2 })
        {
            var pathway = DefinitionJson.Deserialize(File.ReadAllText(RepositoryFile.Path($"definitions/minor-protection-pathway/v{version}.json")));
            var outcomes = pathway.Connections.Select(c => c.Outcome).ToHashSet();
            Assert.All(PathwayVocabulary.MeasureOutcomes, outcome => Assert.Contains(outcome, outcomes));
            if (version == 2) Assert.True(new DefinitionFacts(pathway).ReceivesRunaway("fugue-declaree"));
        }
    }

    private static FileFacts Read(params HistoryLine[] lines) => FileHistory.Read("F", Day0, null, Definition, lines);

    private static HistoryLine Entered(long sequence, int day, string activity, string token) =>
        new(sequence, Day0 + Duration.FromDays(day), JournalKinds.ActivityEntered, activity, token, null);

    private static HistoryLine Completed(long sequence, int day, string activity, string token, string outcome) =>
        new(sequence, Day0 + Duration.FromDays(day), JournalKinds.ActivityCompleted, activity, token, new JsonObject { ["outcome"] = outcome }.ToJsonString());

    private static HistoryLine Line(long sequence, int day, string kind) => new(sequence, Day0 + Duration.FromDays(day), kind, null, null, null);
}
