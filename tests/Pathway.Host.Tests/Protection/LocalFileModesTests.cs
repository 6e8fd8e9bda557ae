using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Pathway.Host.Setup;

namespace Pathway.Host.Tests.Protection;

/// <summary>
/// The embedded default keeps its database (with its write-ahead log and index), its timers and its development keys
/// readable by their owner only, in a <c>data/</c> folder only its owner can enter, including files an earlier
/// release left readable by others. The host runs as Program runs it, from a folder standing for a repository.
/// </summary>
public sealed class LocalFileModesTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("pathway-modes-").FullName;

    public LocalFileModesTests() => File.WriteAllText(Path.Combine(_root, "Pathway.sln"), "");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Data => Path.Combine(_root, "data");

    private string[] Files =>
    [
        Path.Combine(Data, "pathway.db"), Path.Combine(Data, "pathway.db-wal"), Path.Combine(Data, "pathway.db-shm"),
        Path.Combine(Data, "pathway-timers.db"), Path.Combine(Data, "pathway-keys.json"),
    ];

    [Fact]
    public async Task The_embedded_default_creates_its_database_timers_and_keys_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;

        await using var app = await StartAsync();
        await using var reader = await OpenDatabaseAsync();

        AssertOwnerOnly();
    }

    [Fact]
    public async Task Files_an_earlier_release_left_readable_by_others_are_made_owner_only_at_start()
    {
        if (OperatingSystem.IsWindows()) return;
        await using (var first = await StartAsync())
        await using (await OpenDatabaseAsync())
        {
            foreach (var file in Files) File.SetUnixFileMode(file, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.SetUnixFileMode(Data, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        // Left behind as by a host that was killed: SQLite removes them when its last connection closes.
        foreach (var companion in new[] { "pathway.db-wal", "pathway.db-shm" })
        {
            var path = Path.Combine(Data, companion);
            if (!File.Exists(path)) File.WriteAllBytes(path, []);
            File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        await using var second = await StartAsync();
        await using var reader = await OpenDatabaseAsync();

        AssertOwnerOnly();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private void AssertOwnerOnly()
    {
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Data));
        foreach (var file in Files)
        {
            Assert.True(File.Exists(file), $"{Path.GetFileName(file)} was not created.");
            Assert.True(OwnerReadWrite == File.GetUnixFileMode(file), $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}.");
        }
    }

    /// <summary>A connection of its own on the database, held open so that its log and index stay while the test looks.</summary>
    private async Task<SqliteConnection> OpenDatabaseAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "pathway.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM files";
        await command.ExecuteScalarAsync();
        return connection;
    }

    /// <summary>A Development host on the folder with every default: <c>data/pathway.db</c>, generated keys. Disposing
    /// it stops it.</summary>
    private async Task<Running> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = _root,
            Args = ["--Urls=http://127.0.0.1:0"],
        });
        builder.AddPathway();
        var app = builder.Build();
        app.MapPathway();
        await app.StartAsync();
        return new Running(app);
    }

    private sealed class Running(WebApplication app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
