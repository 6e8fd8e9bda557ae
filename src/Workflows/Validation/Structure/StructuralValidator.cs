using System.Text.Json;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Validation.Structure;

/// <summary>
/// The structural half of validation: the raw text must be JSON and must follow
/// <see cref="DefinitionSchema"/> (no unknown property, right types, well-formed ids).
/// </summary>
public static class StructuralValidator
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static IReadOnlyList<ValidationError> Validate(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Strict);
            return SchemaValidator.Validate(document.RootElement, DefinitionSchema.Document);
        }
        catch (JsonException exception)
        {
            return [JsonProblems.Malformed(exception)];
        }
    }
}
