using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Pathway.Workflows.Definitions;

/// <summary>The one set of JSON options for definition files: camelCase, strict, French text kept readable.</summary>
public static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            IndentSize = 2,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            // An activity without inputs (Start, End) is written without "inputs", as the files in definitions/ are:
            // export(import(file)) must be the file.
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers = { OmitEmptyInputs },
            },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void OmitEmptyInputs(System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        if (type.Type != typeof(ActivityNode)) return;
        foreach (var property in type.Properties.Where(p => p.Name == "inputs"))
            property.ShouldSerialize = (_, value) => value is System.Text.Json.Nodes.JsonObject { Count: > 0 };
    }

    public static WorkflowDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
        ?? throw new JsonException("The definition is null.");

    public static string Serialize(WorkflowDefinition definition) =>
        JsonSerializer.Serialize(definition, Options);
}
