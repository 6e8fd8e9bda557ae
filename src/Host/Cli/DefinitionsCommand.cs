using System.CommandLine;
using Pathway.Activities;
using Pathway.Activities.Partners;
using Pathway.Host.DefinitionFiles;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation;

namespace Pathway.Host.Cli;

/// <summary><c>definitions validate &lt;file…&gt;</c>, <c>definitions schema [--output path]</c> and <c>definitions replay</c> (<see cref="ReplayCommand"/>).</summary>
internal static class DefinitionsCommand
{
    public static Command Create() => new("definitions", "Work with workflow definition files.")
    {
        Validate(),
        Schema(),
        ReplayCommand.Create(),
    };

    private static Command Validate()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Definition files (v<N>.json) or layout files (v<N>.layout.json).",
            Arity = ArgumentArity.OneOrMore,
        };
        var partners = new Option<string?>("--partners")
        {
            Description = "The partner registry that partner ids are checked against; by default the partners.json "
                + "of each file's definitions folder (definitions/<id>/v<N>.json → definitions/partners.json), if there is one.",
        };
        var command = new Command("validate", "Check definition files; prints file:pointer: message per error, exits 1 on any error.")
        {
            files,
            partners,
        };
        command.SetAction(parse =>
        {
            var catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);
            var output = parse.InvocationConfiguration.Output;
            var paths = parse.GetValue(files)!;
            var registries = new Dictionary<string, DefinitionFileChecker>(StringComparer.Ordinal);
            DefinitionFileChecker CheckerFor(string path)
            {
                var registry = parse.GetValue(partners)
                    ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(path)))!, PartnerRegistry.FileName);
                if (!registries.TryGetValue(registry, out var checker))
                {
                    IPartnerDirectory? directory = File.Exists(registry) ? PartnerRegistry.Load(registry) : null;
                    registries[registry] = checker = new DefinitionFileChecker(new DefinitionValidator(catalog, directory));
                }

                return checker;
            }

            var errors = 0;
            foreach (var path in paths)
            {
                IEnumerable<ValidationError> problems;
                try
                {
                    problems = CheckerFor(path).Check(path);
                }
                catch (PartnerRegistryException exception)
                {
                    parse.InvocationConfiguration.Error.WriteLine(exception.Message);
                    return 1;
                }

                foreach (var error in problems)
                {
                    output.WriteLine($"{path}:{error.Pointer}: {error.Message}");
                    errors++;
                }
            }

            parse.InvocationConfiguration.Error.WriteLine(errors == 0
                ? $"{paths.Length} file(s) checked: no error."
                : $"{paths.Length} file(s) checked: {errors} error(s).");
            return errors == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Schema()
    {
        var output = new Option<string>("--output")
        {
            Description = "Where to write the schema.",
            DefaultValueFactory = _ => DefinitionSchema.CommittedPath,
        };
        var command = new Command("schema", "Write the JSON Schema of definition files, generated from the C# model.")
        {
            output,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            File.WriteAllText(path, DefinitionSchema.Export());
            parse.InvocationConfiguration.Error.WriteLine($"Wrote {path}.");
            return 0;
        });
        return command;
    }
}
