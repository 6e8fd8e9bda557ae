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
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Pathway:Database:Provider"] = "Postgres",
        ["Pathway:Database:ConnectionString"] = _database.ConnectionString,
        ["Pathway:Messaging:Transport"] = "RabbitMq",
        ["Pathway:Messaging:RabbitMq:Url"] = EngineUrl,
        ["Pathway:DefinitionsFolder"] = Folder.Definitions,
    };

    /// <summary>The engine connects as the broker's administrator, on the rig's vhost.</summary>
    private string EngineUrl
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

    public void StartHost()
    {
        Host = new PathwayRun(Folder, _database.ConnectionString, Settings);
        Host.Start();
    }

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

    internal static string PasswordOf(string partnerId) => "test-password-of-" + partnerId;

    private string WriteDefinitions(IEnumerable<(string Path, string Json)> definitions)
    {
        Directory.CreateDirectory(Folder.Definitions);
        foreach (var (path, json) in definitions) Folder.WriteDefinitionFile(path, json);
        return Folder.Definitions;
    }
}
