using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Pathway.Host.Setup;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Records;
using Pathway.Testing;

namespace Pathway.Host.Tests.Protection;

/// <summary>
/// A host started on a database holding values written before values were bound to their place rebinds them before
/// it serves anything, and says how many, never what (docs/protection.md).
/// </summary>
public sealed class RebindingAtStartupTests
{
    [Fact]
    public async Task A_host_started_on_values_written_before_binding_rebinds_them_before_serving_and_logs_only_counts()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        string fileId;
        await using (var first = new PathwayRun(folder))
            fileId = await Intakes.OpenFileAsync(await first.ClientAsAsync("accueil"));
        // As the release before binding left it once migrated: the facts unbound, the migration's pending row present.
        var key = Convert.FromBase64String(TestKeys.Settings["Pathway:Protection:Keys:test1"]);
        await SqliteAsync(folder, $"UPDATE intakes SET facts = '{UnboundValues.Pw1(key, "test1", Intakes.Facts)}' WHERE file_id = '{fileId}'");
        await SqliteAsync(folder, "INSERT INTO pending_rebinding (id, since) VALUES (1, CURRENT_TIMESTAMP)");

        await using var second = new PathwayRun(folder);
        var file = await (await second.ClientAsAsync("coordinatrice")).GetJsonAsync($"/api/files/{fileId}");

        Assert.Equal(Intakes.Facts, file.GetProperty("intake").Text("facts"));
        Assert.StartsWith("pw2:test1:", await SqliteAsync(folder, $"SELECT facts FROM intakes WHERE file_id = '{fileId}'"));
        Assert.Equal(["Rebound 1 values of intakes.facts to their place (pw1 to pw2)."],
            second.Log.Messages(typeof(PathwayStartup).FullName!, LogLevel.Information));
        Assert.DoesNotContain(second.Log.Entries, e => e.Message.Contains("Aulnay-Quartzite", StringComparison.Ordinal));
    }

    /// <summary>Runs SQL on the host's SQLite file as a tool would; returns the first value, if any.</summary>
    private static async Task<string?> SqliteAsync(TestFolder folder, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={folder.DatabaseFile};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync()) as string;
    }
}
