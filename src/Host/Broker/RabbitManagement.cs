using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathway.Host.Broker;

/// <summary>
/// The few calls of the RabbitMQ management HTTP API that provisioning needs. Every declaration is a PUT (or a
/// binding created only when missing), so calling again changes nothing. It never deletes. Request bodies
/// (which carry passwords) never appear in its errors.
/// </summary>
internal sealed class RabbitManagement : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly string _user;

    /// <summary>The user the API is called as.</summary>
    public string User => _user;

    public RabbitManagement(Uri baseUrl, string user, string password)
    {
        // A relative "api/…" must resolve under the base path (the API may sit behind a proxy at /rabbitmq/).
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _user = user;
        _http = new HttpClient { BaseAddress = _baseUrl, Timeout = Timeout };
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }

    /// <summary>Checks that the broker answers and that the credentials are an administrator's (users need one).</summary>
    public async Task CheckAdministratorAsync(CancellationToken cancellationToken)
    {
        var me = await GetAsync("api/whoami", cancellationToken)
                 ?? throw new BrokerProvisioningException($"{_baseUrl} does not look like a RabbitMQ management API (no api/whoami).");
        if (!Tags(me).Contains("administrator"))
            throw new BrokerProvisioningException($"The broker user '{_user}' is not an administrator: it cannot create users or set permissions.");
    }

    public async Task<bool> VhostExistsAsync(string vhost, CancellationToken cancellationToken) =>
        await GetAsync($"api/vhosts/{Segment(vhost)}", cancellationToken) is not null;

    /// <summary>A durable fanout exchange; fails if one of that name exists with other properties.</summary>
    public Task DeclareFanoutExchangeAsync(string vhost, string name, CancellationToken cancellationToken) =>
        PutAsync($"api/exchanges/{Segment(vhost)}/{Segment(name)}",
            new { type = "fanout", durable = true, auto_delete = false, @internal = false, arguments = new { } }, cancellationToken);

    /// <summary>A durable classic queue, without arguments (as MassTransit declares it by default).</summary>
    public Task DeclareQueueAsync(string vhost, string name, CancellationToken cancellationToken) =>
        PutAsync($"api/queues/{Segment(vhost)}/{Segment(name)}",
            new { durable = true, auto_delete = false, arguments = new { } }, cancellationToken);

    /// <summary>Binds the queue to the exchange with an empty routing key, unless that binding exists.</summary>
    public async Task BindAsync(string vhost, string exchange, string queue, CancellationToken cancellationToken)
    {
        var path = $"api/bindings/{Segment(vhost)}/e/{Segment(exchange)}/q/{Segment(queue)}";
        var existing = await GetAsync(path, cancellationToken);
        var bound = existing is JsonArray bindings && bindings.Any(b =>
            b?["routing_key"]?.GetValue<string>() == "" && b["arguments"] is JsonObject { Count: 0 });
        if (!bound) await SendAsync(HttpMethod.Post, path, new { routing_key = "", arguments = new { } }, cancellationToken);
    }

    public async Task<BrokerUser?> GetUserAsync(string name, CancellationToken cancellationToken) =>
        await GetAsync($"api/users/{Segment(name)}", cancellationToken) is { } user
            ? new BrokerUser(
                name,
                user["password_hash"]?.GetValue<string>() ?? "",
                user["hashing_algorithm"]?.GetValue<string>() ?? "",
                Tags(user))
            : null;

    /// <summary>Creates the user, or replaces its password; no tags, so it cannot use the management API.</summary>
    public Task PutUserAsync(string name, string password, CancellationToken cancellationToken) =>
        PutAsync($"api/users/{Segment(name)}", new { password, tags = "" }, cancellationToken);

    public async Task<PartnerPermissions?> GetPermissionsAsync(string vhost, string user, CancellationToken cancellationToken) =>
        await GetAsync($"api/permissions/{Segment(vhost)}/{Segment(user)}", cancellationToken) is { } permissions
            ? new PartnerPermissions(
                permissions["configure"]!.GetValue<string>(),
                permissions["write"]!.GetValue<string>(),
                permissions["read"]!.GetValue<string>())
            : null;

    public Task SetPermissionsAsync(string vhost, string user, PartnerPermissions permissions, CancellationToken cancellationToken) =>
        PutAsync($"api/permissions/{Segment(vhost)}/{Segment(user)}",
            new { configure = permissions.Configure, write = permissions.Write, read = permissions.Read }, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>The resource, or null when the API answers 404.</summary>
    private async Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, HttpMethod.Get, path, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
    }

    private Task PutAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, JsonContent.Create(body), cancellationToken);
        await EnsureSuccessAsync(response, method, path, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new BrokerProvisioningException($"Cannot reach the RabbitMQ management API at {_baseUrl}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BrokerProvisioningException(
                $"The RabbitMQ management API at {_baseUrl} did not answer within {Timeout.TotalSeconds:0} s.", exception);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new BrokerProvisioningException(
                $"The RabbitMQ management API at {_baseUrl} refused the credentials of user '{_user}' (HTTP 401): check the user and its password.");
        var reason = await ReasonAsync(response, cancellationToken);
        throw new BrokerProvisioningException(
            $"{method} {Uri.UnescapeDataString(path)} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}{reason}.");
    }

    // The API explains refusals in {"error": …, "reason": …}, e.g. "inequivalent arg 'type' for exchange …".
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
            return body?["reason"]?.ToString() is { Length: > 0 } reason ? $": {reason}" : "";
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return "";
        }
    }

    private static IReadOnlyList<string> Tags(JsonNode user) => user["tags"] switch
    {
        // 3.9+ answers a list; older versions a comma-separated string.
        JsonArray list => [.. list.Select(t => t!.GetValue<string>())],
        JsonValue text => [.. text.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        _ => [],
    };

    // Names are path segments: "/" (the default vhost) must travel as %2F.
    private static string Segment(string name) => Uri.EscapeDataString(name);
}

/// <summary>A broker user as the management API shows it.</summary>
internal sealed record BrokerUser(string Name, string PasswordHash, string HashingAlgorithm, IReadOnlyList<string> Tags);
