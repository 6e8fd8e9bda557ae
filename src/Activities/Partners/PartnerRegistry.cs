using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Partners;

/// <summary>
/// The partners of the protocol, read from <c>definitions/partners.json</c>: who they are, what role they play
/// and where their tasks wait. Which association plays which role is configuration, hence a file and not code.
/// </summary>
public sealed class PartnerRegistry : IPartnerDirectory
{
    /// <summary>The registry's name in a definitions folder.</summary>
    public const string FileName = "partners.json";

    /// <summary>Where the registry lives, from the repository root.</summary>
    public const string DefaultPath = "definitions/" + FileName;

    private readonly Dictionary<string, Partner> _byId;

    private PartnerRegistry(IReadOnlyList<Partner> partners)
    {
        All = partners;
        _byId = partners.ToDictionary(p => p.Id, StringComparer.Ordinal);
        Ids = [.. partners.Select(p => p.Id)];
    }

    /// <summary>Every partner, in the order of the file.</summary>
    public IReadOnlyList<Partner> All { get; }

    /// <summary>Every partner id, in the order of the file.</summary>
    public IReadOnlyCollection<string> Ids { get; }

    public bool Exists(string partnerId) => _byId.ContainsKey(partnerId);

    /// <summary>The partner with this id; null when there is none.</summary>
    public Partner? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The partners playing this role (see <see cref="PartnerRoles"/>), in the order of the file; empty when none.</summary>
    public IReadOnlyList<Partner> WithRole(string role) => [.. All.Where(p => p.Role == role)];

    /// <summary>Reads a registry document; <paramref name="source"/> names it in problems (a path, usually).</summary>
    /// <exception cref="PartnerRegistryException">The document is not a valid registry; every problem is listed.</exception>
    public static PartnerRegistry Parse(string json, string source)
    {
        var (partners, problems) = PartnerRegistryReader.Read(json);
        if (problems.Count > 0) throw new PartnerRegistryException([.. problems.Select(p => $"{source}:{p.Pointer}: {p.Message}")]);
        return new PartnerRegistry(partners);
    }

    /// <exception cref="PartnerRegistryException">The file cannot be read or is not a valid registry.</exception>
    public static PartnerRegistry Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var problem = File.Exists(path) || Directory.Exists(path)
                ? "The file cannot be read (is it a folder, or are permissions missing?)."
                : "The file does not exist.";
            throw new PartnerRegistryException([$"{path}:: {problem}"]);
        }

        return Parse(json, path);
    }
}
