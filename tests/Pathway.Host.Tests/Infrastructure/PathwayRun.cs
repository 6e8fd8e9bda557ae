using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pathway.Host.DefinitionFiles;
using Pathway.Host.Setup;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Infrastructure;

/// <summary>
/// One Pathway host run in-process on a <see cref="TestFolder"/>: its definitions folder, and its SQLite file
/// unless a PostgreSQL connection string is given. The host starts on first use of <see cref="Start"/>,
/// <see cref="WebApplicationFactory{T}.Services"/> or a client.
/// </summary>
/// <param name="services">Services that replace the host's own, e.g. a quicker retry policy.</param>
internal sealed class PathwayRun(TestFolder folder, string? postgres = null, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public CapturedLog Log { get; } = new();

    public DefinitionStore Definitions => Services.GetRequiredService<DefinitionStore>();

    public void Start() => _ = Server;

    /// <summary>A client signed in as one of the development sign-in's seeded users (e.g. <c>coordinatrice</c>,
    /// <c>partenaire-crip-93</c>): its requests carry that user's bearer token.</summary>
    public async Task<HttpClient> ClientAsAsync(string user)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Starts the host, which must refuse; returns the problems it reported, one per line.</summary>
    public IReadOnlyList<string> StartRefused()
    {
        // A refusing host is disposed before the factory gets hold of it, so the factory fails too.
        Assert.ThrowsAny<Exception>(Start);
        Assert.Contains(Log.Entries, e => e.Exception is PathwayStartupException);
        return Log.Messages(typeof(DefinitionFolder).FullName!, LogLevel.Error);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Settings given this way reach the host as command-line arguments, before AddPathway reads them.
        builder.UseSetting("Pathway:DefinitionsFolder", folder.Definitions);
        if (postgres is null)
        {
            builder.UseSetting("Pathway:Database:Provider", "Sqlite");
            builder.UseSetting("Pathway:Database:ConnectionString", $"Data Source={folder.DatabaseFile}");
        }
        else
        {
            builder.UseSetting("Pathway:Database:Provider", "Postgres");
            builder.UseSetting("Pathway:Database:ConnectionString", postgres);
        }

        foreach (var (key, value) in TestKeys.Settings.Concat(TestLimits.Settings).Concat(settings ?? new Dictionary<string, string>()))
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        if (services is not null) builder.ConfigureTestServices(services);
    }
}
