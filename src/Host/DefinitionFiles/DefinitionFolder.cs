using System.Globalization;
using System.Text.RegularExpressions;
using Pathway.Host.Setup;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Validation;

namespace Pathway.Host.DefinitionFiles;

/// <summary>
/// Publishes the versions kept in <c>definitions/&lt;id&gt;/v&lt;N&gt;.json</c> when the host starts. Every file
/// (layouts included) is validated first, exactly as <c>definitions validate</c> does, and nothing is imported
/// unless all of them pass. A published version never changes: a file that differs from it is a problem, not
/// an update.
/// </summary>
internal sealed partial class DefinitionFolder(
    PathwaySettings settings, DefinitionFileChecker checker, DefinitionStore store, ILogger<DefinitionFolder> logger)
{
    public const string Actor = "system:definitions";

    // Holds the JSON Schema of definition files, which is not a definition.
    private const string SchemaFolder = "schema";

    /// <returns>One line per problem, <c>file:pointer: message</c>; empty when every version is published.</returns>
    public async Task<IReadOnlyList<string>> PublishAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.DefinitionsFolder))
        {
            logger.LogWarning("There is no definitions folder {Folder}: no definition is loaded.", settings.DisplayPath(settings.DefinitionsFolder));
            return [];
        }

        var problems = new List<string>();
        var definitions = new List<(string Path, WorkflowDefinition Definition)>();
        foreach (var file in Files())
        {
            if (file.IsLayout)
            {
                Report(problems, file.Path, checker.Check(file.Path));
                continue;
            }

            var (definition, errors) = checker.CheckDefinition(file.Path);
            Report(problems, file.Path, errors);
            if (definition is not null && errors.Count == 0) definitions.Add((file.Path, definition));
        }

        if (problems.Count > 0) return problems;

        int published = 0, unchanged = 0;
        foreach (var (path, definition) in definitions)
        {
            try
            {
                var result = await store.ImportPublishedAsync(definition, Actor, cancellationToken);
                if (result.Outcome == ImportOutcome.Published) published++;
                else if (result.Outcome == ImportOutcome.Unchanged) unchanged++;
                Report(problems, path, result.Errors);
            }
            catch (DefinitionConflictException exception)
            {
                Report(problems, path, [new ValidationError("", "definition.conflict", exception.Message)]);
            }
        }

        logger.LogInformation("Definitions: {Published} version(s) published, {Unchanged} unchanged.", published, unchanged);
        return problems;
    }

    private void Report(List<string> problems, string path, IReadOnlyList<ValidationError> errors)
    {
        var file = settings.DisplayPath(path);
        foreach (var error in errors)
        {
            logger.LogError("{File}:{Pointer}: {Message}", file, error.Pointer, error.Message);
            problems.Add($"{file}:{error.Pointer}: {error.Message}");
        }
    }

    /// <summary>Definitions and layouts, by id then version, each definition before its layout.</summary>
    private IEnumerable<VersionFile> Files()
    {
        var files = new List<VersionFile>();
        foreach (var folder in Directory.GetDirectories(settings.DefinitionsFolder))
        {
            if (Path.GetFileName(folder) == SchemaFolder) continue;
            foreach (var path in Directory.GetFiles(folder))
            {
                var match = VersionFileName().Match(Path.GetFileName(path));
                if (match.Success)
                    files.Add(new VersionFile(path, int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["layout"].Success));
                else
                    IgnoreIfJson(path);
            }
        }

        foreach (var path in Directory.GetFiles(settings.DefinitionsFolder))
        {
            if (Path.GetFileName(path) != Pathway.Activities.Partners.PartnerRegistry.FileName) IgnoreIfJson(path);
        }

        return files
            .OrderBy(f => Path.GetDirectoryName(f.Path), StringComparer.Ordinal)
            .ThenBy(f => f.Version)
            .ThenBy(f => f.IsLayout);
    }

    // A misnamed file would otherwise be silently left out of the pathway.
    private void IgnoreIfJson(string path)
    {
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            logger.LogWarning("{File} is not read: definitions are read from definitions/<id>/v<N>.json (and v<N>.layout.json).", settings.DisplayPath(path));
    }

    private sealed record VersionFile(string Path, int Version, bool IsLayout);

    [GeneratedRegex(@"^v(?<version>[1-9][0-9]{0,8})(?<layout>\.layout)?\.json$")]
    private static partial Regex VersionFileName();
}
