using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Versioning;

namespace Pathway.Workflows.Tests.Versioning;

/// <summary>The structural diff of two versions: what the owner sees before publishing or migrating.</summary>
public sealed class DefinitionDiffTests
{
    private static readonly WorkflowDefinition V2 = DefinitionJson.Deserialize(
        File.ReadAllText(Path.Combine(RepositoryRoot(), "definitions", "minor-protection-pathway", "v2.json")));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory.FullName, "definitions"))) directory = directory.Parent!;
        return directory.FullName;
    }

    private static DefinitionDiff Diff(Func<JsonObject, JsonObject> change)
    {
        var document = JsonNode.Parse(DefinitionJson.Serialize(V2))!.AsObject();
        document["version"] = 3;
        return DefinitionDiff.Between(V2, DefinitionJson.Deserialize(change(document).ToJsonString()), PatternRun.Catalog);
    }

    private static JsonObject Activity(JsonObject document, string id) =>
        document["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!.AsObject();

    [Fact]
    public void A_version_compared_with_itself_is_identical()
    {
        Assert.True(Diff(d => d).Identical);
    }

    [Fact]
    public void A_longer_deadline_shows_as_a_changed_input_and_as_a_deadline_change()
    {
        var diff = Diff(d =>
        {
            Activity(d, "evaluation-crip")["inputs"]!["deadline"]!["duration"] = "P4M";
            return d;
        });

        var changed = Assert.Single(diff.Activities.Changed);
        Assert.Equal(("evaluation-crip", "inputs.deadline"), (changed.Id, Assert.Single(changed.Changes).Field));
        var deadline = Assert.Single(diff.Deadlines);
        Assert.Equal("P4M", deadline.After!["duration"]!.GetValue<string>());
        Assert.False(diff.Identical);
    }

    [Fact]
    public void An_activity_added_and_connected_shows_with_its_connections_and_its_new_partner()
    {
        var diff = Diff(d =>
        {
            d["activities"]!.AsArray().Add(JsonNode.Parse("""
                { "id": "bilan-sante", "type": "PartnerTask", "displayName": "Bilan de santé", "inputs": {
                  "partner": "nouveau-partenaire", "title": "Bilan", "outcomes": ["fait"] } }
                """));
            d["connections"]!.AsArray().Add(JsonNode.Parse("""{ "source": "bilan-sante", "outcome": "fait", "target": "fin" }"""));
            return d;
        });

        Assert.Equal("bilan-sante", Assert.Single(diff.Activities.Added).Id);
        Assert.Equal("bilan-sante", Assert.Single(diff.Connections.Added).Source);
        Assert.Equal(["nouveau-partenaire"], diff.Partners.Added);
        Assert.Empty(diff.Activities.Removed);
    }

    [Fact]
    public void A_removed_variable_and_a_relabelled_stage_are_reported()
    {
        var diff = Diff(d =>
        {
            var variables = d["variables"]!.AsArray();
            variables.RemoveAt(0);
            d["stages"]![0]!["name"] = "Autre nom";
            return d;
        });

        Assert.Single(diff.Variables.Removed);
        Assert.Equal("Autre nom", Assert.Single(diff.Stages.Changed).After);
    }
}
