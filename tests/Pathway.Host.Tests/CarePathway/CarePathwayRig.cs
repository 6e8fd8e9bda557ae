using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Activities.Partners;
using Pathway.Host.Broker;
using Pathway.Host.Tests.Broker;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Protection;
using Pathway.Testing;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.CarePathway;

/// <summary>
/// Pathway as in production, for one test: a fresh PostgreSQL database, a fresh RabbitMQ vhost provisioned for
/// the real partner registry (definitions/partners.json), and the host on both, with the given definitions.
/// Partners connect with <see cref="ConnectAsync"/>, as their own broker users.
/// </summary>
internal sealed class CarePathwayRig : IAsyncDisposable
{
    private readonly ScratchVhost _vhost = new();
    private readonly List<PartnerClient> _partners = [];
    private ScratchPostgres _database = null!;

    private CarePathwayRig()
    {
    }

    public TestFolder Folder { get; } = new();

    public PathwayRun Host { get; private set; } = null!;

    public string VhostName => _vhost.Name;

    public string DatabaseConnectionString => _database.ConnectionString;

    public PartnerRegistry Partners { get; } = PartnerRegistry.Load(RepositoryFile.Path(PartnerRegistry.DefaultPath));

    /// <summary>The settings a host needs to run on this rig's database and vhost (as configuration keys).</summary>
    public IReadOnlyDictionary<string, string> Settings => SettingsFor(_database.ConnectionString);

    /// <summary>The engine connects as the broker's administrator, on the rig's vhost.</summary>
    public string EngineUrl
    {
        get
        {
            var admin = new UriBuilder(TestBroker.Amqp) { Path = "/" + Uri.EscapeDataString(_vhost.Name) };
            return admin.Uri.AbsoluteUri;
        }
    }

    /// <param name="definitions">Files to write under definitions/, e.g. ("escalation/v1.json", json).</param>
    /// <param name="startHost">False to start the host later (or as a separate process).</param>
    public static async Task<CarePathwayRig> StartAsync(IEnumerable<(string Path, string Json)> definitions, bool startHost = true)
    {
        var rig = new CarePathwayRig();
        await rig._vhost.InitializeAsync();
        rig._database = await ScratchPostgres.CreateAsync("pathway_care");
        File.Copy(RepositoryFile.Path(PartnerRegistry.DefaultPath), Path.Combine(rig.WriteDefinitions(definitions), "partners.json"));
        using (var broker = new RabbitManagement(TestBroker.Management, TestBroker.AdminUser, TestBroker.AdminPassword))
        {
            await new BrokerProvisioner(broker, rig._vhost.Name).ProvisionAsync(
                rig.Partners, rig.Partners.All.ToDictionary(p => p.Id, p => PasswordOf(p.Id)), writePasswordsTo: null, CancellationToken.None);
        }

        if (startHost) rig.StartHost();
        return rig;
    }

    /// <param name="databaseConnectionString">How the host reaches the rig's database, when not directly (e.g. through
    /// a <see cref="FaultyLink"/>); the test itself still reaches it directly.</param>
    /// <param name="engineUrl">The engine's broker URL on the rig's vhost, when it is not the administrator's.</param>
    /// <param name="services">Services that replace the host's own.</param>
    public void StartHost(string? databaseConnectionString = null, Uri? engineUrl = null, Action<IServiceCollection>? services = null)
    {
        var database = databaseConnectionString ?? _database.ConnectionString;
        Host = new PathwayRun(Folder, database, SettingsFor(database, engineUrl), services);
        Host.Start();
    }

    /// <summary>A broker user without tags, removed with the rig's vhost, with these permissions on the vhost; its AMQP URL.</summary>
    public async Task<(string User, Uri Url)> CreateBrokerUserAsync(string name, string configure, string write, string read)
    {
        var user = $"{_vhost.Prefix}-{name}";
        var password = PasswordOf(user);
        await _vhost.Api.PutAsync($"api/users/{ManagementApi.Segment(user)}", new { password, tags = "" });
        await _vhost.Api.PutAsync($"api/permissions/{ManagementApi.Segment(_vhost.Name)}/{ManagementApi.Segment(user)}", new { configure, write, read });
        return (user, BrokerUrlOf(user, password));
    }

    /// <summary>An AMQP URL on the rig's vhost for <paramref name="user"/>.</summary>
    public Uri BrokerUrlOf(string user, string password) =>
        new UriBuilder(TestBroker.Amqp)
        {
            UserName = Uri.EscapeDataString(user), Password = Uri.EscapeDataString(password), Path = "/" + Uri.EscapeDataString(_vhost.Name),
        }.Uri;

    public async Task<PartnerClient> ConnectAsync(string partnerId,
        System.Collections.Concurrent.BlockingCollection<(PartnerClient, PartnerClient.Received)>? sink = null)
    {
        var client = await PartnerClient.ConnectAsync(_vhost.Name, partnerId, PasswordOf(partnerId), sink);
        _partners.Add(client);
        return client;
    }

    /// <summary>Opens a file on the latest published version of <paramref name="definitionId"/>, as intake will.</summary>
    public Task<StepOutcome> OpenFileAsync(string definitionId, string fileId, params (string Name, JsonNode? Value)[] variables) =>
        Host.Services.GetRequiredService<CareFileRunner>().StartAsync(definitionId, fileId,
            new StartFile("intake:" + fileId, "intake", variables.ToDictionary(v => v.Name, v => v.Value)));

    public async Task<T> QueryAsync<T>(Func<PathwayDbContext, Task<T>> query)
    {
        // Disposed after each query: an undisposed database keeps its pool, and the pool its connection, for minutes.
        await using var database = new PathwayDatabase(DatabaseProvider.Postgres, _database.ConnectionString, TestKeyRing.Protector);
        await using var context = database.CreateContext();
        return await query(context);
    }

    /// <summary>The file's journal kinds and its state, to show a refused message left it untouched.</summary>
    public Task<(long Revision, long JournalLines, string State)> SnapshotAsync(string fileId) =>
        QueryAsync(async c =>
        {
            var file = await c.Files.AsNoTracking().SingleAsync(f => f.Id == fileId);
            return (file.Revision, file.JournalSequence, file.State);
        });

    /// <summary>Messages in the engine's error queue, with their fault reason, read through the management API.</summary>
    public async Task<IReadOnlyList<(string Body, string? Reason)>> ErrorQueueAsync(int expected, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = await _vhost.Api.PostForAsync($"api/queues/{ManagementApi.Segment(_vhost.Name)}/{ManagementApi.Segment(BrokerNames.AnswersErrorQueue)}/get",
                new { count = 100, ackmode = "ack_requeue_true", encoding = "auto" });
            var list = messages?.AsArray().Select(m => (
                m!["payload"]!.GetValue<string>(),
                m["properties"]?["headers"]?["MT-Fault-Message"]?.GetValue<string>())).ToList() ?? [];
            if (list.Count >= expected || DateTime.UtcNow > deadline) return list;
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var partner in _partners) await partner.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        await _database.DisposeAsync();
        await _vhost.DisposeAsync();
        Folder.Dispose();
    }

    private Dictionary<string, string> SettingsFor(string databaseConnectionString, Uri? engineUrl = null) => new()
    {
        ["Pathway:Database:Provider"] = "Postgres",
        ["Pathway:Database:ConnectionString"] = databaseConnectionString,
        ["Pathway:Messaging:Transport"] = "RabbitMq",
        ["Pathway:Messaging:RabbitMq:Url"] = engineUrl?.AbsoluteUri ?? EngineUrl,
        ["Pathway:DefinitionsFolder"] = Folder.Definitions,
    };

    internal static string PasswordOf(string partnerId) => "test-password-of-" + partnerId;

    private string WriteDefinitions(IEnumerable<(string Path, string Json)> definitions)
    {
        Directory.CreateDirectory(Folder.Definitions);
        foreach (var (path, json) in definitions) Folder.WriteDefinitionFile(path, json);
        return Folder.Definitions;
    }
}
