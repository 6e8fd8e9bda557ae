using Pathway.Activities;
using Pathway.Activities.Partners;
using Pathway.Activities.Tasks;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Schema;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Pathway;

/// <summary>The care pathway as committed in <c>definitions/minor-protection-pathway/</c>, and what the tests know of it.</summary>
internal static class PathwayDefinitions
{
    public const string Id = "minor-protection-pathway";

    public static readonly ActivityCatalog Catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);

    public static readonly PartnerRegistry Partners = PartnerRegistry.Load(Repository.PathOf(PartnerRegistry.DefaultPath));

    public static readonly DefinitionValidator Validator = new(Catalog, Partners);

    /// <summary>Variables that identify the minor: sent only to partners whose activity lists them (CASF L226-2-2).</summary>
    public static readonly IReadOnlySet<string> Identity = new HashSet<string>(["prenom", "nom", "dateNaissance"], StringComparer.Ordinal);

    public const string Coordination = "amicale-du-nid-93";

    public static readonly int[] Versions = [1, 2];

    private static readonly Dictionary<int, ExecutableDefinition> Compiled = Versions.ToDictionary(v => v, v => ExecutableDefinition.Compile(Load(v), Catalog));

    public static string PathOf(int version) => Repository.PathOf($"definitions/{Id}/v{version}.json");

    public static string Read(int version) => File.ReadAllText(PathOf(version));

    public static WorkflowDefinition Load(int version) => DefinitionJson.Deserialize(Read(version));

    public static ExecutableDefinition Executable(int version) => Compiled[version];

    /// <summary>Every activity of a version bound to its activity class, in the order of the file.</summary>
    public static IEnumerable<ExecutableNode> Nodes(int version)
    {
        var executable = Executable(version);
        return executable.Definition.Activities.Select(a => executable[a.Id]);
    }

    public static IEnumerable<(ExecutableNode Node, PartnerTask Task)> Tasks(int version) =>
        Nodes(version).Where(n => n.Activity is PartnerTask).Select(n => (n, (PartnerTask)n.Activity));

    public static IEnumerable<(ExecutableNode Node, Notify Notify)> Notifications(int version) =>
        Nodes(version).Where(n => n.Activity is Notify).Select(n => (n, (Notify)n.Activity));
}
