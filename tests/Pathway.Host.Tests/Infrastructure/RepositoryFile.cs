namespace Pathway.Host.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from: the registry and definitions they run, the documentation they keep true.</summary>
internal static class RepositoryFile
{
    public static string Path(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Pathway.sln")))
                return System.IO.Path.Combine(folder.FullName, relative);
        }

        throw new InvalidOperationException($"No Pathway.sln above {AppContext.BaseDirectory}: the tests must run from the repository.");
    }
}
