namespace Pathway.Workflows.Tests.Schema;

/// <summary>Files of the repository itself (the committed schema, the docs, example definitions).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative)).ReplaceLineEndings("\n");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pathway.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException("Pathway.sln not found above " + AppContext.BaseDirectory);
    }
}
