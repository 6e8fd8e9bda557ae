using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Activities;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Protection;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Host.Tests.CarePathway;

/// <summary>
/// The host killed (SIGKILL) while partner messages wait in the outbox and deadlines wait in the scheduler, then
/// started again: every message is delivered, every deadline fires, and nothing is applied twice.
/// </summary>
[Collection(CarePathwayCollection.Name)]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_killed_host_restarted_delivers_every_message_fires_every_deadline_and_applies_nothing_twice()
    {
        // The file that gets answered runs on v2, whose deadline does not pass during the test: were it due too, its
        // deadline and its answer would both wait for the restarted host, and which comes first would be a race.
        await using var rig = await CarePathwayRig.StartAsync([
            ("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "PT8S")),
            ("evaluation-courte/v2.json", TestPathways.Evaluation(version: 2, deadline: "P8D")),
        ], startHost: false);
        var crip = await rig.ConnectAsync("crip-93");
        var coordinator = await rig.ConnectAsync("amicale-du-nid-93");
        var parquet = await rig.ConnectAsync("parquet-difaje");
        var engine = Engine(rig);

        var first = HostProcess.Start(rig.Folder.Root, rig.Settings);
        try
        {
            await PartnerMessagingTests.WaitUntilAsync(() => PublishedAsync(rig), TimeSpan.FromSeconds(60));
            // Two files whose tasks are sent and whose deadlines are set in the scheduler…
            foreach (var (id, version) in new[] { ("dossier-1", 2), ("dossier-2", 1) })
                await engine.StartAsync("evaluation-courte", id, new StartFile("intake:" + id, "intake", Minor()), version);
            await PartnerMessagingTests.WaitUntilAsync(() => rig.QueryAsync(c => c.Outbox.AllAsync(o => o.SentAt != null)));
            // …and three more committed just before the crash, whose messages and timers are still in the outbox.
            foreach (var id in new[] { "dossier-3", "dossier-4", "dossier-5" })
                await engine.StartAsync("evaluation-courte", id, new StartFile("intake:" + id, "intake", Minor()), version: 1);
            first.Kill();
        }
        finally
        {
            first.Dispose();
        }

        Assert.True(await rig.QueryAsync(c => c.Outbox.AnyAsync(o => o.SentAt == null)), "the crash came after everything was sent");
        // While the host is down, the CRIP answers one task; the deadlines of the others pass.
        var answered = crip.Next("task.assigned");
        if (answered.Body["fileRef"]!.GetValue<string>() != "dossier-1") answered = crip.Next("task.assigned");
        Assert.Equal("dossier-1", answered.Body["fileRef"]!.GetValue<string>());
        await crip.AnswerAsync(answered, "completed", "danger");
        await Task.Delay(TimeSpan.FromSeconds(9));

        using var second = HostProcess.Start(rig.Folder.Root, rig.Settings);
        var fileOfAnswer = answered.Body["fileRef"]!.GetValue<string>();
        var decision = parquet.Next("task.assigned", TimeSpan.FromSeconds(60));
        Assert.Equal(fileOfAnswer, decision.Body["fileRef"]!.GetValue<string>());
        var escalated = new HashSet<string>();
        while (escalated.Count < 4) escalated.Add(coordinator.Next("escalation.raised", TimeSpan.FromSeconds(60)).Body["fileRef"]!.GetValue<string>());

        Assert.DoesNotContain(fileOfAnswer, escalated);
        // Every task was delivered; a message sent again after the crash keeps its id, so partners count it once.
        await PartnerMessagingTests.WaitUntilAsync(() => rig.QueryAsync(c => c.Outbox.AllAsync(o => o.SentAt != null)), TimeSpan.FromSeconds(30));
        Assert.Equal(5, crip.All.Where(m => m.Type == "task.assigned").Select(m => m.MessageId).Distinct().Count());
        Assert.True(coordinator.Quiet("escalation.raised", TimeSpan.FromSeconds(2)));
        Assert.Equal(4, coordinator.All.Where(m => m.Type == "escalation.raised").Select(m => m.MessageId).Distinct().Count());
        // Each deadline was applied once, and each escalation emitted once, per file.
        var emitted = await rig.QueryAsync(c => c.Journal.Where(j => j.Kind == JournalKinds.EffectEmitted).ToListAsync());
        // (Level 2 follows 3 s after level 1, to the inspection: only the coordination's level 1 is counted.)
        var escalationsPerFile = emitted.Select(j => (j.FileId, Data: System.Text.Json.Nodes.JsonNode.Parse(j.Data!)!))
            .Where(j => j.Data["kind"]?.GetValue<string>() == "escalation.raised" && j.Data["destination"]?.GetValue<string>() == "role:coordination")
            .GroupBy(j => j.FileId).Select(g => g.Count());
        Assert.Equal([1, 1, 1, 1], escalationsPerFile);
        Assert.Equal(1, await rig.QueryAsync(c => c.AppliedStimuli.CountAsync(a => a.StimulusId.StartsWith("answer:"))));
    }

    /// <summary>True once the host process migrated the database and published both versions of the definition.</summary>
    private static async Task<bool> PublishedAsync(CarePathwayRig rig)
    {
        try
        {
            return await rig.QueryAsync(c => c.DefinitionVersions.CountAsync(v => v.Status == "published")) == 2;
        }
        catch (Npgsql.PostgresException exception) when (exception.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }

    private static Dictionary<string, System.Text.Json.Nodes.JsonNode?> Minor() => TestPathways.Minor.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>The engine on the rig's database, in the test: it commits files and their outbox rows, and sends nothing.</summary>
    private static CareFileRunner Engine(CarePathwayRig rig)
    {
        var database = new PathwayDatabase(DatabaseProvider.Postgres, rig.DatabaseConnectionString, TestKeyRing.Protector);
        var catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);
        var store = new DefinitionStore(database, new DefinitionValidator(catalog, rig.Partners), catalog, SystemClock.Instance);
        return new CareFileRunner(database, store, new Interpreter(SystemClock.Instance));
    }
}
