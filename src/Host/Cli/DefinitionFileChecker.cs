using Pathway.Workflows.Validation;

namespace Pathway.Host.Cli;

/// <summary>
/// Validates one file given on the command line. A <c>*.layout.json</c> is checked against the definition
/// beside it (same name without <c>.layout</c>); any other file is a definition.
/// </summary>
internal sealed class DefinitionFileChecker(DefinitionValidator validator)
{
    private const string LayoutSuffix = ".layout.json";

    public IReadOnlyList<ValidationError> Check(string path)
    {
        if (Read(path) is not { } text) return [Unreadable(path)];
        if (!path.EndsWith(LayoutSuffix, StringComparison.OrdinalIgnoreCase)) return CheckDefinition(path, text);

        var definitionPath = path[..^LayoutSuffix.Length] + ".json";
        if (Read(definitionPath) is not { } definitionText)
            return [new ValidationError("", "layout.no-definition", $"There is no readable definition '{Path.GetFileName(definitionPath)}' beside this layout.")];
        if (validator.ValidateJson(definitionText).Definition is not { } definition)
            return [new ValidationError("", "layout.definition-invalid",
                $"The definition beside this layout, '{Path.GetFileName(definitionPath)}', is not well-structured: validate it first.")];
        return LayoutValidator.Validate(text, definition);
    }

    private IReadOnlyList<ValidationError> CheckDefinition(string path, string text)
    {
        var (definition, errors) = validator.ValidateJson(text);
        return definition is null ? errors : [.. DefinitionFileRules.Check(path, definition), .. errors];
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
