using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation;

namespace Pathway.Host.DefinitionFiles;

/// <summary>
/// Validates one definition file, the same way for <c>definitions validate</c> and for the host's start-up.
/// A <c>*.layout.json</c> is checked against the definition beside it (same name without <c>.layout</c>);
/// any other file is a definition.
/// </summary>
internal sealed class DefinitionFileChecker(DefinitionValidator validator)
{
    private const string LayoutSuffix = ".layout.json";

    public IReadOnlyList<ValidationError> Check(string path) =>
        path.EndsWith(LayoutSuffix, StringComparison.OrdinalIgnoreCase) ? CheckLayout(path) : CheckDefinition(path).Errors;

    /// <summary>The definition read from <paramref name="path"/> when it is well-structured, and every error.</summary>
    public (WorkflowDefinition? Definition, IReadOnlyList<ValidationError> Errors) CheckDefinition(string path)
    {
        if (Read(path) is not { } text) return (null, [Unreadable(path)]);
        var (definition, errors) = validator.ValidateJson(text);
        return definition is null ? (null, errors) : (definition, [.. DefinitionFileRules.Check(path, definition), .. errors]);
    }

    private IReadOnlyList<ValidationError> CheckLayout(string path)
    {
        if (Read(path) is not { } text) return [Unreadable(path)];
        var definitionPath = path[..^LayoutSuffix.Length] + ".json";
        if (Read(definitionPath) is not { } definitionText)
            return [new ValidationError("", "layout.no-definition", $"There is no readable definition '{Path.GetFileName(definitionPath)}' beside this layout.")];
        if (validator.ValidateJson(definitionText).Definition is not { } definition)
            return [new ValidationError("", "layout.definition-invalid",
                $"The definition beside this layout, '{Path.GetFileName(definitionPath)}', is not well-structured: validate it first.")];
        return LayoutValidator.Validate(text, definition);
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ValidationError Unreadable(string path) =>
        new("", "file.unreadable", File.Exists(path) || Directory.Exists(path)
            ? "The file cannot be read (is it a folder, or are permissions missing?)."
            : "The file does not exist.");
}
