namespace Pathway.Host.Tests.Infrastructure;

/// <summary>A temporary folder standing for a repository: <c>definitions/</c> and <c>data/pathway.db</c>.</summary>
internal sealed class TestFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pathway-host-").FullName;

    public string Definitions => Path.Combine(Root, "definitions");

    public string DatabaseFile => Path.Combine(Root, "data", "pathway.db");

    /// <summary>Writes <c>definitions/&lt;relative&gt;</c>; returns its full path.</summary>
    public string WriteDefinitionFile(string relative, string text)
    {
        var path = Path.Combine(Definitions, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A folder holding a copy of the repository's <c>definitions/</c>: the partner registry and the pathway.</summary>
    public static TestFolder WithRepositoryDefinitions()
    {
        var folder = new TestFolder();
        var source = RepositoryFile.Path("definitions");
        foreach (var file in Directory.EnumerateFiles(source, "*.json", SearchOption.AllDirectories))
            folder.WriteDefinitionFile(System.IO.Path.GetRelativePath(source, file), File.ReadAllText(file));
        return folder;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
