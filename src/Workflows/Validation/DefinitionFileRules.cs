using System.Text.RegularExpressions;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Validation;

/// <summary>
/// A definition stored as <c>definitions/&lt;id&gt;/v&lt;N&gt;.json</c> says the same id and version as its
/// path, so a copied file whose version was not bumped is caught. Other file names are not checked.
/// </summary>
public static partial class DefinitionFileRules
{
    public static IReadOnlyList<ValidationError> Check(string path, WorkflowDefinition definition)
    {
        var match = VersionFile().Match(Path.GetFileName(path));
        if (!match.Success) return [];

        var errors = new List<ValidationError>();
        var version = match.Groups["version"].Value;
        if (version != definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            errors.Add(new ValidationError("/version", "file.wrong-version",
                $"The file is named v{version}.json but declares version {definition.Version}."));
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        if (folder != definition.Id)
            errors.Add(new ValidationError("/id", "file.wrong-folder",
                $"The file is in folder '{folder}' but declares id '{definition.Id}'; definitions live in definitions/<id>/."));
        return errors;
    }

    [GeneratedRegex(@"^v(?<version>[1-9][0-9]*)\.json$")]
    private static partial Regex VersionFile();
}
