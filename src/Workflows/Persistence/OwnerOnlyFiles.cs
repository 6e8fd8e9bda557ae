namespace Pathway.Workflows.Persistence;

/// <summary>
/// Local files that hold personal data or keys (the SQLite databases and their companions, the development keys)
/// are readable by their owner only: files 0600, folders Pathway creates 0700. On Windows the folder's inherited
/// access rules apply and nothing is changed.
/// </summary>
/// <remarks>Modes are set when a file is created and fixed at every start for files that already exist, so that a
/// database created by an earlier release (0644) is tightened too. A file the process does not own is left as it
/// is: its owner chose its mode.</remarks>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>What SQLite writes beside a database: its rollback journal, write-ahead log and shared memory index.</summary>
    private static readonly string[] SqliteCompanions = ["-journal", "-wal", "-shm"];

    /// <summary>Creates <paramref name="folder"/> (and its missing parents) 0700 when it does not exist; an existing
    /// folder is left as it is (it may be shared, like /tmp), unless <see cref="Tighten"/> is asked for.</summary>
    public static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, FolderMode);
    }

    /// <summary>
    /// Prepares a SQLite database file: its folder created, the file itself created empty 0600 when missing (SQLite
    /// reads an empty file as an empty database, and gives its journal, log and index the database's own mode), and
    /// the modes of the file and its companions fixed when they exist.
    /// </summary>
    public static void PrepareSqliteFile(string file)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder) CreateFolder(folder);
        if (!File.Exists(file))
        {
            try
            {
                using (new FileStream(file, CreateNew()))
                {
                }
            }
            catch (IOException) when (File.Exists(file))
            {
                // Created meanwhile by another process starting on the same file: its mode is fixed below.
            }
        }

        Tighten(file);
        foreach (var companion in SqliteCompanions) Tighten(file + companion);
    }

    /// <summary>Options that create a new file 0600, for files written whole (the development keys).</summary>
    public static FileStreamOptions CreateNew()
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return options;
    }

    /// <summary>Sets an existing file to 0600, or an existing folder to 0700; nothing when it does not exist, when
    /// it is already so, or on Windows.</summary>
    public static void Tighten(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = Directory.Exists(path) ? FolderMode : File.Exists(path) ? FileMode : (UnixFileMode?)null;
        if (mode is null) return;
        try
        {
            if (File.GetUnixFileMode(path) != mode) File.SetUnixFileMode(path, mode.Value);
        }
        catch (UnauthorizedAccessException)
        {
            // Not the process's own file: left as its owner made it.
        }
    }
}
