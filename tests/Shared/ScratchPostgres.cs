using Npgsql;

namespace Pathway.Testing;

/// <summary>
/// A throw-away database on a PostgreSQL server, for tests and benchmarks: created with a random name, dropped
/// at the end even while connections to it are open. Compiled into each test project (tests/Shared).
/// </summary>
internal sealed class ScratchPostgres : IAsyncDisposable
{
    /// <summary>Names the server the tests use: a superuser connection string that ./test.sh sets.</summary>
    public const string TestServerVariable = "PATHWAY_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private ScratchPostgres(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    /// <summary>The test server; the suite fails, never skips, without one (it would pass without testing PostgreSQL).</summary>
    public static string TestServer =>
        Environment.GetEnvironmentVariable(TestServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{TestServerVariable} is not set: run the tests with ./test.sh, which starts a private PostgreSQL, " +
                "or set it to a superuser connection string (Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");

    /// <param name="server">A superuser connection string; <see cref="TestServer"/> when null.</param>
    public static async Task<ScratchPostgres> CreateAsync(string prefix, string? server = null)
    {
        var database = new ScratchPostgres(server ?? TestServer, prefix + "_" + Guid.NewGuid().ToString("N"));
        await database.ExecuteAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    public Task DropAsync() => ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");

    public async ValueTask DisposeAsync() => await DropAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
