using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pathway.Host.Messaging;
using Pathway.Host.Tests.CarePathway;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Faults;

/// <summary>PostgreSQL taken away from the host for a minute while partners answer on RabbitMQ.</summary>
[Collection(CarePathwayCollection.Name)]
public sealed class AnswersDuringDatabaseOutageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Files = 10;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    /// <summary>Quicker rounds than in production (about three minutes each), so that a one-minute outage gives every
    /// answer back to RabbitMQ's queue several times.</summary>
    private static readonly AnswerRetries QuickRounds = new(TriesBeforeReturn: 3, Ceiling: TimeSpan.FromSeconds(2));

    [Fact]
    public async Task Answers_sent_while_the_database_is_away_for_a_minute_are_all_applied_once_it_returns_none_refused_none_twice()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))], startHost: false);
        var (link, viaLink) = FaultyLink.ToPostgres(rig.DatabaseConnectionString);
        try
        {
            rig.StartHost(viaLink, services: s => s.AddSingleton(QuickRounds));
            var crip = await rig.ConnectAsync("crip-93");
            var files = Enumerable.Range(1, Files).Select(n => $"dossier-{n}").ToList();
            foreach (var file in files) await rig.OpenFileAsync("evaluation-courte", file, TestPathways.Minor);
            var tasks = files.Select(_ => crip.Next("task.assigned")).ToList();

            link.Cut();
            var outage = Stopwatch.StartNew();
            var answers = new List<string>();
            foreach (var task in tasks) answers.Add(await crip.AnswerAsync(task, "completed", "sans-danger"));
            // Each answer has been delivered, has failed, and has come back from the queue for another round.
            await PartnerMessagingTests.WaitUntilAsync(() => Task.FromResult(answers.All(id => DeliveriesFailed(rig, id) >= 2)), Outage);
            output.WriteLine($"every answer failed in two deliveries {outage.Elapsed.TotalSeconds:F0} s into the outage");
            if (Outage - outage.Elapsed is { Ticks: > 0 } rest) await Task.Delay(rest);
            link.Restore();

            await PartnerMessagingTests.WaitUntilAsync(async () =>
                await rig.QueryAsync(c => c.Files.CountAsync(f => files.Contains(f.Id) && f.Status == "completed")) == Files, TimeSpan.FromSeconds(60));
            output.WriteLine($"all applied {outage.Elapsed.TotalSeconds:F0} s after the cut");

            foreach (var id in answers)
            {
                Assert.Equal(1, await rig.QueryAsync(c => c.AppliedStimuli.CountAsync(a => a.StimulusId == "answer:" + id)));
                Assert.Equal(1, await rig.QueryAsync(c => c.Journal.CountAsync(j => j.StimulusId == "answer:" + id && j.Kind == JournalKinds.StimulusReceived)));
            }

            Assert.Empty(await rig.ErrorQueueAsync(expected: 1, within: TimeSpan.FromSeconds(1)));
            // A database away is a passing fault, not a bug: warned, never reported as unexpected.
            Assert.Empty(rig.Host.Log.Messages(typeof(PartnerReplyConsumer).FullName!, LogLevel.Error));
        }
        finally
        {
            await rig.Host.DisposeAsync();
            await link.DisposeAsync();
        }
    }

    /// <summary>Deliveries of the message that failed: each new delivery warns once, at its first try.</summary>
    private static int DeliveriesFailed(CarePathwayRig rig, string messageId) =>
        rig.Host.Log.Messages(typeof(PartnerReplyConsumer).FullName!, LogLevel.Warning)
            .Count(m => m.StartsWith($"Message {messageId} from crip-93 not applied yet", StringComparison.Ordinal));
}
