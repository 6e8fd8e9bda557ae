using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// The management API as the tests use it, as the administrator: to set up a scratch vhost and to read back
/// what provisioning did, independently of the code under test.
/// </summary>
internal sealed class ManagementApi : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = TestBroker.Management };

    public ManagementApi() =>
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestBroker.AdminUser}:{TestBroker.AdminPassword}")));

    public static string Segment(string name) => Uri.EscapeDataString(name);

    /// <summary>The resource, or null on 404.</summary>
    public async Task<JsonNode?> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonNode>();
    }

    public async Task PutAsync(string path, object body)
    {
        using var response = await _http.PutAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    public async Task PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>POSTs and reads the answer (e.g. getting messages of a queue); null on 404.</summary>
    public async Task<JsonNode?> PostForAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonNode>();
    }

    public async Task DeleteAsync(string path)
    {
        using var response = await _http.DeleteAsync(path);
        if (response.StatusCode != HttpStatusCode.NotFound) response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
