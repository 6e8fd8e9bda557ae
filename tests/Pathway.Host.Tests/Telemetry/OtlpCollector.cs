using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pathway.Host.Tests.Telemetry;

/// <summary>
/// The receiving end of OTLP over HTTP (protobuf), as a collector would run it: it keeps every request's body by
/// path (<c>/v1/traces</c>, <c>/v1/metrics</c>) and answers 200. Protobuf carries strings as UTF-8 bytes, so a body
/// read as UTF-8 shows every name and tag value that was exported.
/// </summary>
internal sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();
    private readonly Task _serving;

    public OtlpCollector()
    {
        Endpoint = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set to.</summary>
    public string Endpoint { get; }

    public IReadOnlyList<string> Paths => _requests.Select(r => r.Path).ToList();

    /// <summary>Everything received on one path, each body read as UTF-8.</summary>
    public IReadOnlyList<string> Received(string path) =>
        _requests.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)).ToList();

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _requests.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
