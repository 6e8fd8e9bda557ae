using Npgsql;

namespace Pathway.Host.Tests.Infrastructure;

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>PATHWAY_TEST_POSTGRES</c> (a superuser connection
/// string; ./test.sh sets it), dropped at the end.
/// </summary>
internal sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "PATHWAY_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private TestPostgres(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public static async Task<TestPostgres> CreateAsync()
    {
        // Fails rather than skips: a suite that silently leaves PostgreSQL out would pass without testing it.
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Fail($"{Variable} is not set: it must hold a superuser connection string to a PostgreSQL server. Run the tests with ./test.sh, which starts one.");
        var database = new TestPostgres(server, "pathway_host_" + Guid.NewGuid().ToString("N"));
        await database.ExecuteAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    /// <summary>Drops the database even while the host still holds connections to it.</summary>
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
