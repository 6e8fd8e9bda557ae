using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Tests.Schema;

public class SchemaFileTests
{
    [Fact]
    public void The_committed_schema_is_the_one_generated_from_the_model()
    {
        var committed = Repository.Read(DefinitionSchema.CommittedPath);

        Assert.True(committed == DefinitionSchema.Export(),
            $"{DefinitionSchema.CommittedPath} is stale: the definition model changed. Regenerate it from the repository root with "
            + "`dotnet run --project src/Host -- definitions schema` and commit it.");
    }

    [Fact]
    public void The_schema_is_a_2020_12_schema_with_an_id()
    {
        var schema = DefinitionSchema.Document;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal(DefinitionSchema.Id, (string?)schema["$id"]);
        Assert.NotNull(schema["title"]);
    }

    [Fact]
    public void Every_object_of_the_model_rejects_unknown_properties()
    {
        var objects = Walk(DefinitionSchema.Document).OfType<JsonObject>().Where(o => o["properties"] is not null).ToList();

        Assert.Equal(5, objects.Count);
        Assert.All(objects, o => Assert.False((bool?)o["additionalProperties"]));
    }

    [Fact]
    public void Ids_have_a_pattern_and_version_is_a_positive_integer()
    {
        var properties = DefinitionSchema.Document["properties"]!;
        var activity = properties["activities"]!["items"]!["properties"]!;

        Assert.Equal(IdRules.DefinitionIdPattern, (string?)properties["id"]!["pattern"]);
        Assert.Equal(IdRules.NamePattern, (string?)activity["id"]!["pattern"]);
        Assert.Equal(1, (int?)activity["id"]!["minLength"]);
        Assert.Equal("integer", (string?)properties["version"]!["type"]);
        Assert.Equal(1, (int?)properties["version"]!["minimum"]);
    }

    private static IEnumerable<JsonNode?> Walk(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Walk).Prepend(o),
        JsonArray a => a.SelectMany(Walk).Prepend(a),
        _ => [node],
    };
}
