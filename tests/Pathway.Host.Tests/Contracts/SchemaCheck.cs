using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime.Text;

namespace Pathway.Host.Tests.Contracts;

/// <summary>
/// Checks a value against the small part of JSON Schema docs/asyncapi.yaml uses (type, const, enum, format,
/// required, properties, additionalProperties, items, minLength, minItems), so that an example cannot contradict
/// its own schema. Stricter than JSON Schema on one point: an example uses only the properties its schema lists,
/// unless the schema lists none (free data). Returns the problems, as JSON Pointers with what is wrong.
/// </summary>
internal sealed class SchemaCheck(AsyncApiDocument document)
{
    public List<string> Problems(JsonNode? value, JsonNode schema)
    {
        var problems = new List<string>();
        Check(value, document.Resolve(schema), "", problems);
        return problems;
    }

    private void Check(JsonNode? value, JsonObject schema, string at, List<string> problems)
    {
        if (schema["const"] is { } constant && !JsonNode.DeepEquals(value, constant))
            problems.Add($"{at}: must be {constant.ToJsonString()}");
        if (schema["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, value)))
            problems.Add($"{at}: must be one of {choices.ToJsonString()}");
        if (schema["type"] is { } type && !IsOfType(value, (string)type!))
        {
            problems.Add($"{at}: must be of type {type}");
            return;
        }

        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            CheckText((string)text!, schema, at, problems);
        if (value is JsonArray array)
        {
            if (schema["minItems"] is { } min && array.Count < (long)min) problems.Add($"{at}: needs at least {min} item(s)");
            if (schema["items"] is { } items)
                for (var i = 0; i < array.Count; i++) Check(array[i], document.Resolve(items), $"{at}/{i}", problems);
        }

        if (value is JsonObject obj) CheckObject(obj, schema, at, problems);
    }

    private void CheckObject(JsonObject value, JsonObject schema, string at, List<string> problems)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
            if (!value.ContainsKey((string)required!)) problems.Add($"{at}: misses required '{required}'");
        foreach (var (name, child) in value)
        {
            if (properties?[name] is { } property) Check(child, document.Resolve(property), $"{at}/{name}", problems);
            else if (schema["additionalProperties"] is JsonValue allowed && !(bool)allowed) problems.Add($"{at}/{name}: is not in the schema");
            else if (properties is not null && schema["additionalProperties"] is null) problems.Add($"{at}/{name}: is not in the schema");
        }
    }

    private static void CheckText(string text, JsonObject schema, string at, List<string> problems)
    {
        if (schema["minLength"] is { } min && text.Length < (long)min) problems.Add($"{at}: shorter than {min}");
        switch ((string?)schema["format"])
        {
            // The engine writes instants as InstantPattern.General does: UTC, whole seconds, 'Z'.
            case "date-time" when InstantPattern.General.Parse(text) is not { Success: true } instant || InstantPattern.General.Format(instant.Value) != text:
                problems.Add($"{at}: '{text}' is not an instant as Pathway writes them (e.g. 2026-07-20T22:00:00Z)");
                break;
            case "uuid" when !Guid.TryParseExact(text, "D", out _):
                problems.Add($"{at}: '{text}' is not a UUID");
                break;
        }
    }

    private static bool IsOfType(JsonNode? value, string type) => (type, value?.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) or ("string", JsonValueKind.String) => true,
        ("integer", JsonValueKind.Number) => value!.AsValue().TryGetValue<long>(out _),
        ("number", JsonValueKind.Number) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        _ => false,
    };
}
