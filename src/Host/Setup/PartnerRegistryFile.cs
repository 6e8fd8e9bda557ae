using Pathway.Activities.Partners;

namespace Pathway.Host.Setup;

/// <summary>The partner registry of the definitions folder: <see cref="PartnerRegistry.FileName"/> beside the definitions.</summary>
internal static class PartnerRegistryFile
{
    /// <exception cref="PathwayStartupException">The registry is invalid.</exception>
    public static PartnerRegistry Load(PathwaySettings settings)
    {
        var path = Path.Combine(settings.DefinitionsFolder, PartnerRegistry.FileName);
        // Without a registry no definition can address a partner; validation says so for each task.
        if (!File.Exists(path)) return PartnerRegistry.Parse("""{ "partners": [] }""", path);
        try
        {
            return PartnerRegistry.Load(path);
        }
        catch (PartnerRegistryException exception)
        {
            throw new PathwayStartupException(exception.Message, exception);
        }
    }
}
