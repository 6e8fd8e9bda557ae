using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace Pathway.Workflows.Definitions;

/// <summary>
/// The JSON Schema (2020-12) of definition files, generated from the C# model so the two cannot drift.
/// The committed copy, <c>definitions/schema/workflow-definition.schema.json</c>, is for editors and the
/// designer; structural validation uses <see cref="Document"/>, which is the same schema.
/// </summary>
public static class DefinitionSchema
{
    public const string Id = "urn:pathway:workflow-definition";

    /// <summary>Where the schema is committed, relative to the repository root.</summary>
    public const string CommittedPath = "definitions/schema/workflow-definition.schema.json";

    private static readonly Lazy<JsonObject> Cached = new(Build);

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // A file read by people and editors, never embedded in HTML: keep quotes and '<' as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema as a node. Shared: callers must not modify it.</summary>
    public static JsonObject Document => Cached.Value;

    /// <summary>The schema file's text: indented by two spaces, LF line endings, a final newline.</summary>
    public static string Export() => Document.ToJsonString(Pretty) + "\n";

    private static JsonObject Build()
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Refine,
        };
        return (JsonObject)DefinitionJson.Options.GetJsonSchemaAsNode(typeof(WorkflowDefinition), exporterOptions);
    }

    private static JsonNode Refine(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.Path.IsEmpty) return Describe(schema.AsObject());

        var owner = context.PropertyInfo?.DeclaringType;
        var name = context.PropertyInfo?.Name;
        return (owner, name) switch
        {
            // The Web defaults also read "1" as 1; a definition file writes numbers as numbers.
            (_, "version") when owner == typeof(WorkflowDefinition) =>
                new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = int.MaxValue },
            (_, "id") when owner == typeof(WorkflowDefinition) => Identifier(schema, IdRules.DefinitionIdPattern, IdRules.DefinitionIdRule),
            (_, "id") when owner == typeof(ActivityNode) || owner == typeof(StageDefinition) =>
                Identifier(schema, IdRules.NamePattern, IdRules.NameRule),
            (_, "name") when owner == typeof(VariableDefinition) => Identifier(schema, IdRules.NamePattern, IdRules.NameRule),
            _ => schema,
        };
    }

    private static JsonObject Identifier(JsonNode schema, string pattern, string rule)
    {
        var node = schema.AsObject();
        node["description"] = "An id: " + rule + ".";
        node["minLength"] = 1;
        node["pattern"] = pattern;
        return node;
    }

    private static JsonObject Describe(JsonObject schema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "Pathway workflow definition",
            ["description"] = "One version of a care pathway, as written in definitions/<id>/v<N>.json. "
                + "Generated from the C# model: run `dotnet run --project src/Host -- definitions schema` to regenerate.",
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }

        return root;
    }
}
