using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Tests.CarePathway;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Protection;
using Pathway.Testing;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Faults;

/// <summary>
/// A host that cannot take its port says so and exits with 1, having carried out nothing: background work waits for
/// the host to be up. The same host on a free port sends what waited.
/// </summary>
public sealed class StartupFailureTests
{
    /// <summary>How long a host may take to start or exit on a loaded machine: only to fail a stuck test.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_host_whose_port_is_taken_exits_with_1_and_a_reason_and_sends_nothing_from_the_outbox()
    {
        await using var database = await ScratchPostgres.CreateAsync("pathway_port_taken");
        await using var pathway = new PathwayDatabase(DatabaseProvider.Postgres, database.ConnectionString, TestKeyRing.Protector);
        await pathway.MigrateAsync();
        var waiting = new OutboxRow
        {
            MessageId = Guid.NewGuid(), FileId = "dossier-1", Kind = "task.withdrawn", Destination = "crip-93",
            Payload = """{"taskId":"7d1f2c9e-5a4b-4c3d-8e2f-1a0b9c8d7e6f","fileRef":"2026-T0000001","reason":"test"}""",
            CreatedAt = DateTime.UtcNow, FileRevision = 1,
        };
        await using (var context = pathway.CreateContext())
        {
            context.Outbox.Add(waiting);
            await context.SaveChangesAsync();
        }

        using var folder = TestFolder.WithRepositoryDefinitions();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Pathway:Database:Provider"] = "Postgres",
            ["Pathway:Database:ConnectionString"] = database.ConnectionString,
            ["Pathway:DefinitionsFolder"] = folder.Definitions,
        };

        using (var refused = HostProcess.Start(folder.Root, settings.Append(new("Urls", $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}"))))
        {
            Assert.Equal(1, await refused.ExitCodeAsync(Patience));
            Assert.Contains("Pathway cannot listen on its address", refused.Error);
        }

        Assert.Null(await SentAtAsync(pathway, waiting.MessageId));

        using var serving = HostProcess.Start(folder.Root, settings);
        await PartnerMessagingTests.WaitUntilAsync(async () => await SentAtAsync(pathway, waiting.MessageId) is not null, Patience);
    }

    private static async Task<DateTime?> SentAtAsync(PathwayDatabase pathway, Guid messageId)
    {
        await using var context = pathway.CreateContext();
        return await context.Outbox.Where(o => o.MessageId == messageId).Select(o => o.SentAt).SingleAsync();
    }
}
