using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;

namespace Pathway.Workflows.Tests.Tasks;

/// <summary>A parquet task with every option, run in memory from Friday 10 July 2026, 10:00 in Paris.</summary>
internal static class TaskSpec
{
    public const string Json = """
        {
          "id": "partner-task-spec",
          "version": 1,
          "name": "Demande au parquet",
          "variables": [
            { "name": "prenom", "type": "text" },
            { "name": "nom", "type": "text" },
            { "name": "dateNaissance", "type": "date" },
            { "name": "dateOpp", "type": "date" }
          ],
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Début" },
            { "id": "parquet", "type": "PartnerTask", "displayName": "Décision du parquet", "inputs": {
                "partner": "parquet-difaje", "title": "Décider des suites du signalement", "outcomes": ["opp", "classement"],
                "deadline": { "duration": "P8D", "legalBasis": "C. civ. 375-5" },
                "acknowledgeWithin": { "duration": "P2D", "counting": "workingDays" },
                "reminderBefore": "P2D", "escalateAfter": "P2D",
                "fields": ["prenom", "dateNaissance"], "assign": { "dateOpp": "dateOpp" } } },
            { "id": "opp", "type": "End", "displayName": "OPP" },
            { "id": "classement", "type": "End", "displayName": "Classement" },
            { "id": "refus", "type": "End", "displayName": "Refus" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "parquet" },
            { "source": "parquet", "outcome": "opp", "target": "opp" },
            { "source": "parquet", "outcome": "classement", "target": "classement" },
            { "source": "parquet", "outcome": "declined", "target": "refus" }
          ]
        }
        """;

    public static WorkflowDefinition Definition => DefinitionJson.Deserialize(Json);

    public static PatternRun Start() => PatternRun.Start(Definition,
        ("prenom", "Lina"), ("nom", "Martin"), ("dateNaissance", "2011-03-02"));

    public static Bookmark Waiting(this PatternRun run, string purpose) =>
        run.State.Tokens.SelectMany(t => t.Bookmarks).Single(b => b.Purpose == purpose);

    public static IReadOnlyList<string> Purposes(this PatternRun run) =>
        run.State.Tokens.SelectMany(t => t.Bookmarks).Select(b => b.Purpose!).Order(StringComparer.Ordinal).ToList();

    public static PatternRun Answer(this PatternRun run, Bookmark task, JsonObject answer, string actor = "parquet-difaje") =>
        run.Apply(new ResumeBookmark("answer-" + Guid.NewGuid(), actor, task.Id, answer));

    public static PatternRun Fire(this PatternRun run, string purpose)
    {
        var timer = run.Waiting(purpose);
        run.Clock.Now = timer.DueAt!.Value;
        return run.Apply(new ResumeBookmark("timer:" + timer.Id, "system:timer", timer.Id));
    }

    /// <summary>The messages sent by the last stimulus, by type.</summary>
    public static IReadOnlyList<Effect> Sent(this PatternRun run, string type) => run.Last.Effects.Where(e => e.Kind == type).ToList();
}
