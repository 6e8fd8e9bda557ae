using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Versioning;

namespace Pathway.Workflows.Tests.Versioning;

/// <summary>A file waiting on two parallel branches (WCP-2) can move only where its split and join still make sense.</summary>
public sealed class ScopeMigrationTests
{
    private static readonly FileMigrator Migrator = new(PatternRun.Catalog);

    /// <summary>Version 2 of the parallel split, changed by <paramref name="change"/>.</summary>
    private static ExecutableDefinition V2(Func<string, string>? change = null)
    {
        var json = DefinitionJson.Serialize(PatternRun.Load("wcp02-parallel-split") with { Version = 2 });
        return ExecutableDefinition.Compile(DefinitionJson.Deserialize((change ?? (s => s))(json)), PatternRun.Catalog);
    }

    private static FileMigration Migrate(PatternRun run, ExecutableDefinition to, Dictionary<string, string?>? mapping = null) =>
        Migrator.Migrate(run.Definition, to, run.State,
            MigrationMapping.Complete(mapping, run.Definition, to, run.State.Tokens.Select(t => t.ActivityId)),
            "m-1", "user:pilote", Instant.FromUtc(2026, 7, 11, 8, 0));

    [Fact]
    public void Both_waiting_branches_are_kept_when_the_split_is_unchanged()
    {
        var migration = Migrate(PatternRun.Start("wcp02-parallel-split"), V2());

        Assert.True(migration.Migrated);
        Assert.All(migration.Report.Tokens, t => Assert.Equal(TokenDisposition.Kept, t.Disposition));
        Assert.Equal(2, migration.State!.Version);
        Assert.Equal(FileMigrator.JournalKind, migration.Journal[0].Kind);
    }

    [Fact]
    public void A_branch_cannot_be_mapped_to_an_activity_outside_its_split()
    {
        var afterJoin = V2(json =>
        {
            var document = JsonNode.Parse(json)!;
            document["activities"]!.AsArray().Add(JsonNode.Parse("""{ "id": "later", "type": "WaitForEvent", "inputs": { "event": "later" } }"""));
            var connections = document["connections"]!.AsArray();
            connections.Single(c => c!["source"]!.GetValue<string>() == "join")!["target"] = "later";
            connections.Add(JsonNode.Parse("""{ "source": "later", "outcome": "done", "target": "end" }"""));
            return document.ToJsonString();
        });

        var migration = Migrate(PatternRun.Start("wcp02-parallel-split"), afterJoin, new() { ["wait-crip"] = "later" });

        Assert.False(migration.Migrated);
        Assert.Contains(migration.Report.Reasons, r => r.Contains("is inside the split 'fork', but 'later' is not one of its branches"));
    }

    [Fact]
    public void A_file_inside_a_split_the_new_version_renamed_stays()
    {
        var migration = Migrate(PatternRun.Start("wcp02-parallel-split"), V2(s => s.Replace("\"id\": \"fork\"", "\"id\": \"fork-2\"")
            .Replace("\"source\": \"fork\"", "\"source\": \"fork-2\"").Replace("\"target\": \"fork\"", "\"target\": \"fork-2\"")
            .Replace("\"fork\": \"fork\"", "\"fork\": \"fork-2\"")));

        Assert.False(migration.Migrated);
        Assert.Contains(migration.Report.Reasons, r => r.Contains("inside the split 'fork', which v2 does not have"));
    }

    [Fact]
    public void A_file_mid_join_stays_when_the_new_version_has_no_such_join()
    {
        var run = PatternRun.Start("wcp02-parallel-split").Raise("crip-answered");

        var migration = Migrate(run, V2(s => s.Replace("\"join\"", "\"join-2\"")));

        Assert.False(migration.Migrated);
        Assert.Contains(migration.Report.Reasons, r => r.Contains("mid-join at 'join'"));
    }
}
