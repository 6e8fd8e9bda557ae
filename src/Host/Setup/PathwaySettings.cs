using Microsoft.Data.Sqlite;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Setup;

/// <summary>
/// The <c>Pathway</c> configuration section. Relative paths (the SQLite file, the definitions folder) are
/// resolved against <see cref="Root"/>, so that <c>dotnet run --project src/Host</c> typed at the root of the
/// repository uses <c>./data/pathway.db</c> and <c>./definitions</c>.
/// </summary>
/// <remarks>A class, not a record: a record would print the connection string, password included.</remarks>
public sealed class PathwaySettings(DatabaseProvider provider, string connectionString, string definitionsFolder, string root)
{
    public const string Section = "Pathway";
    public const string DefaultConnectionString = "Data Source=data/pathway.db";
    public const string DefaultDefinitionsFolder = "definitions";

    private const string ProviderKey = Section + ":Database:Provider";
    private const string ConnectionStringKey = Section + ":Database:ConnectionString";
    private const string DefinitionsFolderKey = Section + ":DefinitionsFolder";

    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Absolute.</summary>
    public string DefinitionsFolder { get; } = definitionsFolder;

    /// <summary>The folder relative paths start from: the repository root (see <see cref="RepositoryRoot"/>).</summary>
    public string Root { get; } = root;

    /// <summary>The settings, with relative paths resolved against <paramref name="root"/>.</summary>
    /// <exception cref="PathwayStartupException">A setting is wrong.</exception>
    public static PathwaySettings Read(IConfiguration configuration, string root)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration[ConnectionStringKey] switch
        {
            { Length: > 0 } given => given,
            _ when provider == DatabaseProvider.Sqlite => DefaultConnectionString,
            _ => throw new PathwayStartupException($"{ConnectionStringKey} is required when {ProviderKey} is Postgres."),
        };
        if (provider == DatabaseProvider.Sqlite) connectionString = ResolveSqliteFile(connectionString, root);
        var definitions = configuration[DefinitionsFolderKey] is { Length: > 0 } folder ? folder : DefaultDefinitionsFolder;
        return new PathwaySettings(provider, connectionString, Path.GetFullPath(definitions, root), root);
    }

    /// <summary>Where the embedded default keeps its local files (development keys): the SQLite database's folder,
    /// else <c>data/</c> under <see cref="Root"/>.</summary>
    public string DataFolder => Provider == DatabaseProvider.Sqlite
        ? Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource, Root)) ?? Root
        : Path.Combine(Root, "data");

    /// <summary>
    /// On Unix, makes the default <c>data/</c> folder (<see cref="DataFolder"/> under <see cref="Root"/>) enterable
    /// by its owner only (0700), whether it is created now or was by an earlier release. A folder named in
    /// configuration is created so but, when it exists, left as it is: it may be shared (<c>/tmp</c>), and the files
    /// Pathway keeps in it are readable by their owner only anyway (<see cref="OwnerOnlyFiles"/>).
    /// </summary>
    public void SecureDataFolder()
    {
        if (DataFolder != Path.Combine(Root, "data")) return;
        // On PostgreSQL only the development keys may live there, and they create it when they do.
        if (Provider == DatabaseProvider.Sqlite) OwnerOnlyFiles.CreateFolder(DataFolder);
        OwnerOnlyFiles.Tighten(DataFolder);
    }

    /// <param name="protector">Encrypts the columns that may hold personal data (<see cref="Protection.ProtectionKeys"/>).</param>
    /// <exception cref="PathwayStartupException">The connection string cannot be read.</exception>
    public PathwayDatabase CreateDatabase(PersonalDataProtector protector)
    {
        try
        {
            return new PathwayDatabase(Provider, ConnectionString, protector);
        }
        catch (ArgumentException exception)
        {
            throw new PathwayStartupException($"{ConnectionStringKey} is not a {Provider} connection string: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The nearest folder holding <c>Pathway.sln</c> at or above the content root, else at or above the current
    /// directory; the content root itself when there is none (an installed host).
    /// </summary>
    public static string RepositoryRoot(string contentRoot, string currentDirectory) =>
        SolutionFolderAbove(contentRoot) ?? SolutionFolderAbove(currentDirectory) ?? Path.GetFullPath(contentRoot);

    private static string? SolutionFolderAbove(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pathway.sln"))) return folder.FullName;
        }

        return null;
    }

    /// <summary>A path as people read it in messages: relative to <see cref="Root"/> when it lies below it.</summary>
    public string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        // Names only: Enum.TryParse would also take "1" or "Sqlite, Postgres".
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(provider.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase)) return provider;
        }

        throw new PathwayStartupException($"{ProviderKey} is '{value}': use Sqlite or Postgres.");
    }

    private static string ResolveSqliteFile(string connectionString, string root)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new PathwayStartupException($"{ConnectionStringKey} is not a SQLite connection string: {exception.Message}");
        }

        var file = builder.DataSource;
        if (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(file))
            return connectionString;
        builder.DataSource = Path.GetFullPath(file, root);
        return builder.ConnectionString;
    }
}
