using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pathway.Workflows.Persistence;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// The database as someone with a copy of it sees it: plain ADO.NET and SQL, no EF Core, no key ring.
/// </summary>
internal sealed class RawDatabase(DatabaseProvider provider, string connectionString)
{
    /// <summary>Every table of the database, each row's columns as text (PostgreSQL: the row cast to text;
    /// SQLite: each column's value), with the table's name.</summary>
    public async Task<List<(string Table, string Row)>> EveryRowAsync()
    {
        await using var connection = await OpenAsync();
        var rows = new List<(string, string)>();
        foreach (var table in await TablesAsync(connection))
        {
            // Table names come from the database's own catalogue.
            var select = provider == DatabaseProvider.Postgres
                ? $"SELECT CAST(t AS text) FROM \"{table}\" t"
                : $"SELECT * FROM \"{table}\"";
            foreach (var values in await QueryAsync(connection, select))
                rows.Add((table, string.Join(" | ", values)));
        }

        return rows;
    }

    /// <summary>The non-null values of one column, as stored.</summary>
    public async Task<List<string>> ColumnAsync(string table, string column)
    {
        await using var connection = await OpenAsync();
        var rows = await QueryAsync(connection, $"SELECT {column} FROM {table} WHERE {column} IS NOT NULL");
        return rows.Select(r => r[0]).ToList();
    }

    /// <summary>The rows a query returns, each column's value as text.</summary>
    public async Task<List<string[]>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        return await QueryAsync(connection, sql);
    }

    /// <summary>Runs a statement, as a tool with write access to the database would.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        // Unpooled: the test opens it a few times, and the server's connections are shared by parallel test runs.
        DbConnection connection = provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<List<string>> TablesAsync(DbConnection connection)
    {
        var sql = provider == DatabaseProvider.Postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        return (await QueryAsync(connection, sql)).Select(r => r[0]).ToList();
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
                values[i] = reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes
                    ? System.Text.Encoding.UTF8.GetString(bytes)
                    : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(values);
        }

        return rows;
    }
}
