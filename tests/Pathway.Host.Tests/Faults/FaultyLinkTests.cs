using System.Net.Sockets;
using Npgsql;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Testing;

namespace Pathway.Host.Tests.Faults;

/// <summary>The fault tests take a server away through <see cref="FaultyLink"/>: it must look like a stopped server.</summary>
public sealed class FaultyLinkTests
{
    [Fact]
    public async Task A_cut_link_refuses_connections_and_resets_open_ones_until_restored()
    {
        var (link, connectionString) = FaultyLink.ToPostgres(ScratchPostgres.TestServer);
        await using var _ = link;
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 }.ConnectionString;

        await using var open = new NpgsqlConnection(unpooled);
        await open.OpenAsync();
        Assert.Equal(1, await ScalarAsync(open));

        link.Cut();
        await Assert.ThrowsAnyAsync<Exception>(() => ScalarAsync(open));
        await using (var refused = new NpgsqlConnection(unpooled))
        {
            var error = await Assert.ThrowsAsync<NpgsqlException>(() => refused.OpenAsync());
            Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        }

        link.Restore();
        await using var again = new NpgsqlConnection(unpooled);
        await again.OpenAsync();
        Assert.Equal(1, await ScalarAsync(again));
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
