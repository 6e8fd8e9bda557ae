using System.Text.Json.Nodes;
using Pathway.Activities.Partners;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// A vhost of its own for one test class, with the administrator granted on it, deleted afterwards with the
/// broker users the class created. Users are not per vhost, so every partner id a class uses starts with its
/// own random <see cref="Prefix"/>: parallel classes (and runs) never share one.
/// </summary>
public sealed class ScratchVhost : IAsyncLifetime
{
    private int _registries;

    internal ManagementApi Api { get; } = new();

    public string Name { get; } = "pathway-test-" + Guid.NewGuid().ToString("N")[..12];

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..8];

    public string Path(string kind, string name) => $"api/{kind}/{ManagementApi.Segment(Name)}/{ManagementApi.Segment(name)}";

    /// <summary>A registry document of partners named <c>&lt;prefix&gt;-&lt;n&gt;-&lt;name&gt;</c>, fresh for each call.</summary>
    public string NewRegistry(params string[] names)
    {
        var run = Interlocked.Increment(ref _registries);
        var partners = new JsonArray([.. names.Select(name =>
        {
            var id = $"{Prefix}-{run}-{name}";
            return (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["name"] = $"Partenaire {name}",
                ["role"] = "aemo",
                ["queue"] = BrokerNames.DefaultQueueOf(id),
                ["contact"] = new JsonObject { ["service"] = "Service d'AEMO", ["email"] = $"{name}@example.org", ["phone"] = "01 99 00 00 00" },
            };
        })]);
        return new JsonObject { ["partners"] = partners }.ToJsonString();
    }

    public async Task InitializeAsync()
    {
        await Api.PutAsync($"api/vhosts/{ManagementApi.Segment(Name)}", new { });
        await Api.PutAsync($"api/permissions/{ManagementApi.Segment(Name)}/{ManagementApi.Segment(TestBroker.AdminUser)}",
            new { configure = ".*", write = ".*", read = ".*" });
    }

    public async Task DisposeAsync()
    {
        await Api.DeleteAsync($"api/vhosts/{ManagementApi.Segment(Name)}");
        foreach (var user in (await Api.GetAsync("api/users"))!.AsArray())
        {
            var name = user!["name"]!.GetValue<string>();
            if (name.StartsWith(Prefix, StringComparison.Ordinal)) await Api.DeleteAsync($"api/users/{ManagementApi.Segment(name)}");
        }

        Api.Dispose();
    }
}
