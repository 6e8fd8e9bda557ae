using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pathway.Host.Api;

namespace Pathway.Host.Tests.Api;

/// <summary>Which faults are "try again later" (a 503), and how they are named in the log: by types and codes, never by
/// a message, which may quote what a statement held.</summary>
public sealed class TransientFaultsTests
{
    [Fact]
    public void A_refused_connection_wrapped_by_EF_Core_is_transient_and_named_without_its_message()
    {
        var fault = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Failed to connect to 127.0.0.1:5432 for Zélindra", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal("InvalidOperationException > NpgsqlException > SocketException (ConnectionRefused)", TransientFaults.Describe(fault));
    }

    [Theory]
    [InlineData("40001")]
    [InlineData("57P03")]
    [InlineData("53300")]
    public void A_server_state_PostgreSQL_calls_transient_is_transient(string sqlState)
    {
        var fault = new DbUpdateException("An error occurred while saving the entity changes.",
            new PostgresException("message", "ERROR", "ERROR", sqlState));

        Assert.Equal($"DbUpdateException > PostgresException ({sqlState})", TransientFaults.Describe(fault));
    }

    [Fact]
    public void A_busy_SQLite_file_is_transient()
    {
        var fault = new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException("database is locked", 5));

        Assert.Equal("DbUpdateException > SqliteException (5)", TransientFaults.Describe(fault));
    }

    [Fact]
    public void A_timeout_is_transient()
    {
        Assert.Equal("NpgsqlException > TimeoutException", TransientFaults.Describe(new NpgsqlException("Timeout", new TimeoutException())));
    }

    [Fact]
    public void A_refusal_by_the_database_or_a_bug_is_not_transient()
    {
        Assert.Null(TransientFaults.Describe(new DbUpdateException("duplicate", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"))));
        Assert.Null(TransientFaults.Describe(new DbUpdateException("constraint", new SqliteException("UNIQUE constraint failed", 19))));
        Assert.Null(TransientFaults.Describe(new InvalidOperationException("Sequence contains no elements")));
#pragma warning disable CA2201 // the bug a transient-fault filter must not retry is the runtime's own exception
        Assert.Null(TransientFaults.Describe(new NullReferenceException()));
#pragma warning restore CA2201
    }
}
