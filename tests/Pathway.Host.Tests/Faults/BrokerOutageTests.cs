using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Tests.CarePathway;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Faults;

/// <summary>
/// RabbitMQ taken away from the host for a minute: files still open, deadlines fire on time (timers need only the
/// database), the host stays in rotation while <c>/health</c> tells monitors, and once the broker is back the
/// messages that waited in the outbox leave, each once.
/// </summary>
[Collection(CarePathwayCollection.Name)]
public sealed class BrokerOutageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task While_the_broker_is_away_a_minute_files_open_and_deadlines_fire_on_time_and_then_every_message_leaves_once()
    {
        // The CRIP's deadline is four seconds: its timer must fire while the broker is still away.
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "PT4S"))], startHost: false);
        var (link, viaLink) = FaultyLink.ToAmqp(rig.EngineUrl);
        try
        {
            rig.StartHost(engineUrl: new Uri(viaLink));
            var crip = await rig.ConnectAsync("crip-93");
            await rig.OpenFileAsync("evaluation-courte", "dossier-avant", TestPathways.Minor);
            crip.Next("task.assigned");

            link.Cut();
            var cutAt = DateTime.UtcNow;
            var opened = await rig.OpenFileAsync("evaluation-courte", "dossier-pendant", TestPathways.Minor);
            Assert.Equal(StepDisposition.Applied, opened.Disposition);
            var due = await rig.QueryAsync(c => c.Outbox
                .Where(o => o.FileId == "dossier-pendant" && o.Kind == EffectKinds.ScheduleTimer).Select(o => o.DueAt).MinAsync());

            // The deadline's timer resumes the file although the broker is away: its firing is in the journal.
            await PartnerMessagingTests.WaitUntilAsync(async () => await rig.QueryAsync(c => c.AppliedStimuli
                .AnyAsync(a => a.FileId == "dossier-pendant" && a.StimulusId.StartsWith("timer:"))), Outage);
            var firedAt = await rig.QueryAsync(c => c.AppliedStimuli.Where(a => a.FileId == "dossier-pendant" && a.StimulusId.StartsWith("timer:"))
                .Select(a => a.AppliedAt).MinAsync());
            Assert.True(link.IsCut, "The broker came back before the deadline fired.");
            Assert.True(firedAt >= due, "The deadline fired before it was due.");
            output.WriteLine($"deadline fired {(firedAt - due!.Value).TotalSeconds:F1} s after it was due, broker still away");

            using (var client = rig.Host.CreateClient())
            {
                // Load balancers keep the host (intake works); monitors hear of the broker.
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
                var health = await client.GetAsync("/health");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
                Assert.DoesNotContain("\"broker\":\"Healthy\"", await health.Content.ReadAsStringAsync());
            }

            if (Outage - (DateTime.UtcNow - cutAt) is { Ticks: > 0 } rest) await Task.Delay(rest);
            link.Restore();
            var restoredAt = DateTime.UtcNow;

            // The task of the file opened during the outage, then its deadline's notices, leave once the broker is back.
            crip.Next("task.assigned", TimeSpan.FromSeconds(60));
            await PartnerMessagingTests.WaitUntilAsync(async () => await rig.QueryAsync(c => c.Outbox.AllAsync(o => o.SentAt != null)),
                TimeSpan.FromSeconds(60));
            output.WriteLine($"outbox empty {(DateTime.UtcNow - restoredAt).TotalSeconds:F1} s after the broker came back");
            // Every row reached the partner under its own message id. A send abandoned while the broker was away may
            // still arrive once it is back: a repeat, with the same message id, which the partner drops (at least once).
            var sent = await rig.QueryAsync(c => c.Outbox.Where(o => o.Destination == "crip-93").Select(o => o.MessageId).ToListAsync());
            await PartnerMessagingTests.WaitUntilAsync(() => Task.FromResult(
                sent.All(id => crip.All.Any(r => r.MessageId == id.ToString()))), TimeSpan.FromSeconds(60));
            Assert.Equal(sent.Count, crip.All.Select(r => r.MessageId).Distinct().Count());
            Assert.Equal(2, crip.All.Where(r => r.Type == "task.assigned").Select(r => r.Body["taskId"]!.GetValue<string>()).Distinct().Count());
        }
        finally
        {
            await rig.Host.DisposeAsync();
            await link.DisposeAsync();
        }
    }
}
