using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pathway.Host.Tests.Infrastructure;

/// <summary>
/// A TCP link between the host and a real server (PostgreSQL, RabbitMQ) that a test can cut and restore, to take a
/// server away from the host only: while cut, new connections are refused (the port is closed, as when the server is
/// stopped) and open ones are reset; other tests keep using the server. It forwards bytes and nothing else.
/// </summary>
/// <remarks>The port is picked below Linux's ephemeral range (32768 and up), as <c>scripts/test-servers.sh</c> picks
/// its servers' ports, so that no outgoing connection takes it while the link is cut and it can be listened on again.</remarks>
internal sealed class FaultyLink : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly object _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private bool _disposed;

    private FaultyLink(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    /// <summary>The loopback port the host connects to instead of the server's.</summary>
    public int Port { get; }

    /// <summary>True between <see cref="Cut"/> and <see cref="Restore"/>.</summary>
    public bool IsCut { get; private set; }

    /// <summary>How many connections have been accepted since the link was made or last restored.</summary>
    public int ConnectionsSinceRestore { get; private set; }

    /// <summary>A link to <paramref name="host"/>:<paramref name="port"/>, forwarding from now on.</summary>
    public static FaultyLink To(string host, int port)
    {
        var address = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        for (var attempt = 0; ; attempt++)
        {
            var link = new FaultyLink(new IPEndPoint(address, port), 20000 + Random.Shared.Next(12000));
            try
            {
                link.Listen();
                return link;
            }
            catch (SocketException) when (attempt < 50)
            {
                // Taken: another port.
            }
        }
    }

    /// <summary>A link to the server of <paramref name="connectionString"/>, and the same connection string through it.</summary>
    public static (FaultyLink Link, string ConnectionString) ToPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var link = To(builder.Host ?? "127.0.0.1", builder.Port);
        builder.Host = "127.0.0.1";
        builder.Port = link.Port;
        return (link, builder.ConnectionString);
    }

    /// <summary>A link to the broker of an <c>amqp://</c> URL, and the same URL through it.</summary>
    public static (FaultyLink Link, string Url) ToAmqp(string url)
    {
        var uri = new UriBuilder(url);
        var link = To(uri.Host, uri.Port);
        uri.Host = "127.0.0.1";
        uri.Port = link.Port;
        return (link, uri.Uri.AbsoluteUri);
    }

    /// <summary>Takes the server away: the port is closed and every open connection is reset.</summary>
    public void Cut()
    {
        List<TcpClient> open;
        lock (_gate)
        {
            if (IsCut) return;
            IsCut = true;
            _listener?.Stop();
            _listener = null;
            open = [.. _open];
            _open.Clear();
        }

        foreach (var client in open) Reset(client);
    }

    /// <summary>Gives the server back: the port accepts connections again.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (!IsCut || _disposed) return;
            // Right after Stop the port may still be held for an instant: try again briefly.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    Listen();
                    break;
                }
                catch (SocketException) when (attempt < 100)
                {
                    Thread.Sleep(20);
                }
            }

            IsCut = false;
            ConnectionsSinceRestore = 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate) _disposed = true;
        Cut();
        return ValueTask.CompletedTask;
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Stopped by Cut or Dispose.
            }

            _ = ForwardAsync(inbound);
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            if (IsCut)
            {
                Reset(inbound);
                return;
            }

            _open.Add(inbound);
            _open.Add(outbound);
            ConnectionsSinceRestore++;
        }

        try
        {
            await outbound.ConnectAsync(_target);
            using var stop = new CancellationTokenSource();
            var up = PumpAsync(inbound, outbound, stop.Token);
            var down = PumpAsync(outbound, inbound, stop.Token);
            await Task.WhenAny(up, down);
            await stop.CancelAsync();
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }

            Reset(inbound);
            Reset(outbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException or InvalidOperationException
                                               or OperationCanceledException)
        {
        }
    }

    /// <summary>Closes with a reset (no lingering, no graceful FIN), as a server that went away.</summary>
    private static void Reset(TcpClient client)
    {
        // A connection is reset by Cut and again by its forwarder's finally, possibly at the same time: once closed,
        // a TcpClient has no socket (and its LingerState setter throws NullReferenceException), so read it once.
        var socket = client.Client;
        if (socket is null) return;
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }
}
