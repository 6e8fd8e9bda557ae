using Pathway.Activities;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Tests.Schema;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Validation;

/// <summary>The example definitions of <c>Validation/Definitions</c> and the validator they are checked with.</summary>
internal static class Examples
{
    public const string Folder = "tests/Pathway.Workflows.Tests/Validation/Definitions";

    public static readonly DefinitionValidator Validator = new(ActivityCatalog.FromAssemblies(ActivityAssembly.Instance));

    public static string PathOf(string kind, string name) => Repository.PathOf($"{Folder}/{kind}/{name}.json");

    public static string Read(string kind, string name) => File.ReadAllText(PathOf(kind, name));

    public static IEnumerable<string> Names(string kind) =>
        Directory.GetFiles(Repository.PathOf($"{Folder}/{kind}"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order();

    public static IReadOnlyList<ValidationError> Validate(string kind, string name) => Validator.ValidateJson(Read(kind, name)).Errors;
}
