using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Validation.Structure;

/// <summary>
/// Checks a JSON document against a JSON Schema, for exactly the keywords <see cref="DefinitionSchema"/> emits,
/// and reports every problem with the instance's JSON Pointer and a plain sentence. A keyword outside that
/// subset is a programming error (the exporter changed), not a problem of the file, so it throws.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description"];

    private static readonly HashSet<string> Supported =
        ["type", "enum", "minLength", "pattern", "minimum", "maximum", "properties", "required", "additionalProperties", "items"];

    private readonly List<ValidationError> _errors = [];

    private SchemaValidator()
    {
    }

    public static IReadOnlyList<ValidationError> Validate(JsonElement instance, JsonNode schema)
    {
        var validator = new SchemaValidator();
        validator.Check(instance, schema, "");
        return validator._errors;
    }

    private void Check(JsonElement instance, JsonNode? schema, string pointer)
    {
        if (schema is JsonValue boolean && boolean.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (boolean.GetValueKind() == JsonValueKind.False)
                Add(pointer, "schema.not-allowed", "No value is allowed here.");
            return;
        }

        if (schema is not JsonObject keywords)
            throw new NotSupportedException($"Schema at '{pointer}' is neither an object nor a boolean.");
        foreach (var (keyword, _) in keywords)
        {
            if (!Annotations.Contains(keyword) && !Supported.Contains(keyword))
                throw new NotSupportedException($"The schema uses keyword '{keyword}', which {nameof(SchemaValidator)} does not implement.");
        }

        // A value of the wrong type would only add noise under every other keyword.
        if (keywords["type"] is { } type && !HasType(instance, type))
        {
            Add(pointer, "schema.type", $"Must be {Describe(type)}.");
            return;
        }

        if (keywords["enum"] is JsonArray allowed && !allowed.Any(a => JsonElement.DeepEquals(instance, ToElement(a))))
            Add(pointer, "schema.enum", $"{instance.GetRawText()} is not one of: {string.Join(", ", allowed.Select(Literal))}.");

        switch (instance.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(instance.GetString()!, keywords, pointer);
                break;
            case JsonValueKind.Number:
                CheckNumber(instance.GetDouble(), keywords, pointer);
                break;
            case JsonValueKind.Object:
                CheckObject(instance, keywords, pointer);
                break;
            case JsonValueKind.Array when keywords["items"] is { } items:
                var index = 0;
                foreach (var item in instance.EnumerateArray())
                    Check(item, items, $"{pointer}/{index++}");
                break;
        }
    }

    private void CheckString(string text, JsonObject keywords, string pointer)
    {
        if (keywords["minLength"] is { } minLength && text.EnumerateRunes().Count() < ToElement(minLength).GetInt32())
        {
            var length = ToElement(minLength).GetInt32();
            Add(pointer, "schema.min-length", length == 1 ? "Must not be empty." : $"Must be at least {length} characters long.");
            return;
        }

        if (keywords["pattern"] is { } patternNode)
        {
            var pattern = patternNode.GetValue<string>();
            if (System.Text.RegularExpressions.Regex.IsMatch(text, pattern)) return;
            Add(pointer, "schema.pattern", IdRules.Explain(pattern) is { } rule
                ? $"'{text}' is not a well-formed id: use {rule}."
                : $"'{text}' does not match the pattern {pattern}.");
        }
    }

    private void CheckNumber(double number, JsonObject keywords, string pointer)
    {
        if (keywords["minimum"] is { } minimum && number < ToElement(minimum).GetDouble())
            Add(pointer, "schema.minimum", $"Must be at least {minimum.ToJsonString()}.");
        if (keywords["maximum"] is { } maximum && number > ToElement(maximum).GetDouble())
            Add(pointer, "schema.maximum", $"Must be at most {maximum.ToJsonString()}.");
    }

    private void CheckObject(JsonElement instance, JsonObject keywords, string pointer)
    {
        foreach (var required in keywords["required"]?.AsArray() ?? [])
        {
            var name = required!.GetValue<string>();
            if (!instance.TryGetProperty(name, out _))
                Add(pointer, "schema.required", $"Property '{name}' is required.");
        }

        var properties = keywords["properties"]?.AsObject();
        var additional = keywords["additionalProperties"];
        foreach (var property in instance.EnumerateObject())
        {
            var child = pointer + "/" + Pointer.Escape(property.Name);
            if (properties is not null && properties.TryGetPropertyValue(property.Name, out var propertySchema))
                Check(property.Value, propertySchema, child);
            else if (additional is JsonValue closed && closed.GetValueKind() == JsonValueKind.False)
                Add(pointer, "schema.unknown-property", $"Unknown property '{property.Name}'.");
            else if (additional is not null)
                Check(property.Value, additional, child);
        }
    }

    private static bool HasType(JsonElement instance, JsonNode type) =>
        type is JsonArray types ? types.Any(t => HasType(instance, t!.GetValue<string>())) : HasType(instance, type.GetValue<string>());

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "string" => instance.ValueKind == JsonValueKind.String,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "number" => instance.ValueKind == JsonValueKind.Number,
        // Stricter than JSON Schema, which counts 1.0 as an integer: the C# reader would refuse it.
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        _ => throw new NotSupportedException($"Unknown JSON Schema type '{type}'."),
    };

    private static string Describe(JsonNode type)
    {
        var names = type is JsonArray types ? types.Select(t => t!.GetValue<string>()).ToArray() : [type.GetValue<string>()];
        return string.Join(" or ", names.Select(name => name switch
        {
            "null" => "null",
            "boolean" => "true or false",
            "integer" => "an integer",
            "array" => "an array",
            "object" => "an object",
            _ => "a " + name,
        }));
    }

    // Keywords read from the exporter hold CLR values (an int), those parsed from text hold JSON ones: compare as JSON.
    private static JsonElement ToElement(JsonNode? node) => JsonSerializer.SerializeToElement(node);

    private static string Literal(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString() ?? "null";

    private void Add(string pointer, string code, string message) => _errors.Add(new ValidationError(pointer, code, message));
}
