using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pathway.Host.Scheduling;
using Pathway.Host.Tests.CarePathway;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Faults;

/// <summary>
/// Two hosts on one database and one broker: each outbox row is carried out by one of them (each message sent once),
/// and each deadline fires once.
/// </summary>
[Collection(CarePathwayCollection.Name)]
public sealed class TwoHostsTests
{
    private const int Files = 20;

    [Fact]
    public async Task Two_hosts_send_each_message_once_and_fire_each_deadline_once()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "PT4S"))]);
        await using var second = new PathwayRun(rig.Folder, rig.DatabaseConnectionString, rig.Settings);
        second.Start();
        var crip = await rig.ConnectAsync("crip-93");

        var files = Enumerable.Range(1, Files).Select(n => $"dossier-{n}").ToList();
        await Task.WhenAll(files.Select((file, n) => n % 2 == 0
            ? rig.OpenFileAsync("evaluation-courte", file, TestPathways.Minor)
            : second.Services.GetRequiredService<Pathway.Workflows.Persistence.CareFileRunner>().StartAsync("evaluation-courte", file,
                new Pathway.Workflows.Runtime.StartFile("intake:" + file, "intake", TestPathways.Minor.ToDictionary(v => v.Name, v => v.Value)))));
        var assigned = files.Select(_ => crip.Next("task.assigned", TimeSpan.FromSeconds(60))).ToList();

        // Every deadline fires (the files wait four seconds for the CRIP), and every row is carried out.
        await PartnerMessagingTests.WaitUntilAsync(async () => await rig.QueryAsync(c => c.AppliedStimuli
            .CountAsync(a => a.StimulusId.StartsWith("timer:"))) >= Files, TimeSpan.FromSeconds(90));
        await PartnerMessagingTests.WaitUntilAsync(async () => await rig.QueryAsync(c => c.Outbox.AllAsync(o => o.SentAt != null)),
            TimeSpan.FromSeconds(60));

        Assert.True(crip.Quiet("task.assigned", TimeSpan.FromSeconds(2)), "A task was sent twice.");
        Assert.Equal(Files, assigned.Select(m => m.MessageId).Distinct().Count());
        var firings = rig.Host.Log.Entries.Concat(second.Log.Entries)
            .Where(e => e.Category == typeof(ResumeWaitingFileJob).FullName && e.Level == LogLevel.Information).ToList();
        Assert.DoesNotContain(firings, e => e.Message.Contains(": Duplicate", StringComparison.Ordinal));
        Assert.Contains(rig.Host.Log.Entries, e => e.Category == typeof(Pathway.Host.Messaging.OutboxDispatcher).FullName);
        Assert.Contains(second.Log.Entries, e => e.Category == typeof(Pathway.Host.Messaging.OutboxDispatcher).FullName);
    }
}
