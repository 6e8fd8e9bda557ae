using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.CarePathway;

/// <summary>
/// Partners on real RabbitMQ and the engine on real PostgreSQL: what a partner receives, what happens to its
/// answers, good and bad, and deadlines that pass.
/// </summary>
[Collection(CarePathwayCollection.Name)]
public sealed class PartnerMessagingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_partner_message_carries_only_the_fields_its_task_declares()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))]);
        var crip = await rig.ConnectAsync("crip-93");

        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);

        var task = crip.Next("task.assigned");
        Assert.Equal(["prenom"], task.Body["data"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("Martin", task.Body.ToJsonString());
        Assert.DoesNotContain("2011-03-02", task.Body.ToJsonString());
        Assert.Equal("Évaluer la situation", task.Body["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_moves_the_file_on_once_even_when_delivered_twice()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))]);
        var crip = await rig.ConnectAsync("crip-93");
        var parquet = await rig.ConnectAsync("parquet-difaje");
        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var task = crip.Next("task.assigned");

        var answer = new JsonObject
        {
            ["taskId"] = task.Body["taskId"]!.GetValue<string>(), ["answer"] = "completed", ["outcome"] = "danger",
            ["data"] = new JsonObject { ["niveauDanger"] = "grave" },
        };
        var messageId = await crip.SendAsync(answer);
        await crip.SendAsync(answer.DeepClone().AsObject(), messageId);

        var decision = parquet.Next("task.assigned");
        Assert.Equal(["dateNaissance", "nom", "prenom"], decision.Body["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(parquet.Quiet("task.assigned", TimeSpan.FromSeconds(2)), "the repeated answer opened a second task");
        var applied = await rig.QueryAsync(c => c.AppliedStimuli.CountAsync(a => a.FileId == "dossier-1" && a.StimulusId == "answer:" + messageId));
        Assert.Equal(1, applied);
        // The repeat came after the task closed: recognised by its message id and dropped, not refused.
        Assert.Empty(await rig.ErrorQueueAsync(expected: 1, within: TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task A_partner_that_never_answers_reaches_the_coordinator_within_a_second_of_the_deadline_then_the_inspector()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation())]);
        var crip = await rig.ConnectAsync("crip-93");
        var coordinator = await rig.ConnectAsync("amicale-du-nid-93");
        var inspector = await rig.ConnectAsync("inspecteur-ase");

        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var task = crip.Next("task.assigned");
        // The message gives the due time to the second; the timer holds it to the microsecond.
        var dueAt = await DueAtAsync(rig, "deadline");

        var level1 = coordinator.Next("escalation.raised");
        Assert.Equal(1, level1.Body["level"]!.GetValue<int>());
        Assert.Equal(task.Body["taskId"]!.GetValue<string>(), level1.Body["about"]!["taskId"]!.GetValue<string>());
        output.WriteLine($"level 1 reached the coordinator {(level1.At - dueAt).TotalMilliseconds:F0} ms after the deadline");
        Assert.InRange((level1.At - dueAt).TotalSeconds, 0, 1.0);

        var risesAt = await DueAtAsync(rig, "escalation-rise");
        var level2 = inspector.Next("escalation.raised");
        Assert.Equal(2, level2.Body["level"]!.GetValue<int>());
        output.WriteLine($"level 2 reached the inspector {(level2.At - risesAt).TotalMilliseconds:F0} ms after its time");
        Assert.InRange((level2.At - risesAt).TotalSeconds, 0, 1.0);

        // The escalation is in the coordinator's inbox: an open bookmark addressed to the coordination.
        var inbox = await rig.QueryAsync(c => c.Bookmarks.Where(b => b.Purpose == "escalation").Select(b => b.Addressee).ToListAsync());
        Assert.Equal(["role:coordination", "role:inspection"], inbox.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_coordination_answer_reassigning_to_a_partner_outside_the_registry_is_refused()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation())]);
        var crip = await rig.ConnectAsync("crip-93");
        var coordinator = await rig.ConnectAsync("amicale-du-nid-93");
        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        crip.Next("task.assigned");
        var escalation = coordinator.Next("escalation.raised").Body["taskId"]!.GetValue<string>();
        var before = await rig.SnapshotAsync("dossier-1");

        await coordinator.SendRawAsync($$"""
            { "taskId": "{{escalation}}", "answer": "completed", "outcome": "reassigned", "reason": "absence", "data": { "partner": "nulle-part" } }
            """);

        var (_, faultReason) = Assert.Single(await rig.ErrorQueueAsync(expected: 1));
        Assert.Equal("unknown partner 'nulle-part'", faultReason);
        Assert.Equal(before, await rig.SnapshotAsync("dossier-1"));
    }

    [Theory]
    [InlineData("unknown-task", "unknown task")]
    [InlineData("other-partner", "the task is addressed to another partner")]
    [InlineData("closed-task", "the task is already closed")]
    [InlineData("malformed-json", "malformed JSON")]
    [InlineData("missing-field", "missing field 'taskId'")]
    [InlineData("mistyped-field", "field 'taskId' must be a string")]
    [InlineData("unknown-outcome", "The outcome is not one of this task's: danger, sans-danger.")]
    [InlineData("no-answer-no-event", "a message carries exactly one of 'answer' and 'event'")]
    [InlineData("not-an-object", "the message is not a JSON object")]
    [InlineData("message-id-not-uuid", "the message-id is missing or is not a UUID")]
    [InlineData("event-not-awaited", "the file does not wait for event 'fugue-declaree' now")]
    [InlineData("larger-than-64-KiB", "the message is larger than 64 KiB")]
    [InlineData("text-content-type", "the content type must be application/json (UTF-8)")]
    [InlineData("latin-1-charset", "the content type must be application/json (UTF-8)")]
    public async Task A_bad_answer_lands_in_the_error_queue_with_its_reason_and_leaves_the_file_untouched(string answer, string reason)
    {
        await using var rig = await CarePathwayRig.StartAsync([
            ("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D")),
        ]);
        var crip = await rig.ConnectAsync("crip-93");
        var parquet = await rig.ConnectAsync("parquet-difaje");
        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var taskId = crip.Next("task.assigned").Body["taskId"]!.GetValue<string>();
        if (answer == "closed-task")
        {
            await crip.SendAsync(new JsonObject { ["taskId"] = taskId, ["answer"] = "completed", ["outcome"] = "sans-danger" });
            await WaitUntilAsync(async () => await rig.QueryAsync(c => c.Files.AnyAsync(f => f.Id == "dossier-1" && f.Status == "completed")));
        }

        var before = await rig.SnapshotAsync("dossier-1");

        switch (answer)
        {
            case "unknown-task": await crip.SendRawAsync($$"""{ "taskId": "{{Guid.NewGuid()}}", "answer": "accepted" }"""); break;
            case "other-partner": await parquet.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "accepted" }"""); break;
            case "closed-task": await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "accepted" }"""); break;
            case "malformed-json": await crip.SendRawAsync("""{ "taskId": "Lina Martin" """); break;
            case "missing-field": await crip.SendRawAsync("""{ "answer": "accepted" }"""); break;
            case "mistyped-field": await crip.SendRawAsync("""{ "taskId": 12, "answer": "accepted" }"""); break;
            case "unknown-outcome": await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "completed", "outcome": "placement" }"""); break;
            case "no-answer-no-event": await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}" }"""); break;
            case "not-an-object": await crip.SendRawAsync("[\"Lina\"]"); break;
            case "message-id-not-uuid": await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "accepted" }""", messageId: "lina-1"); break;
            case "event-not-awaited": await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "event": "fugue-declaree" }"""); break;
            case "larger-than-64-KiB":
                await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "completed", "outcome": "danger", "data": { "niveauDanger": "{{new string('x', 64 * 1024)}}" } }""");
                break;
            case "text-content-type":
                await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "completed", "outcome": "danger" }""", contentType: "text/plain");
                break;
            case "latin-1-charset":
                await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "completed", "outcome": "danger" }""",
                    contentType: "application/json; charset=iso-8859-1");
                break;
        }

        var (_, faultReason) = Assert.Single(await rig.ErrorQueueAsync(expected: 1));
        Assert.Equal(reason, faultReason);
        Assert.Equal(before, await rig.SnapshotAsync("dossier-1"));
        // Refusals are logged with their reason, never with the message's content.
        Assert.DoesNotContain(rig.Host.Log.Entries, e => e.Message.Contains("Lina") || (e.Exception?.ToString().Contains("Lina") ?? false));
    }

    [Fact]
    public async Task An_answer_without_a_content_type_is_read_as_JSON()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))]);
        var crip = await rig.ConnectAsync("crip-93");
        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var taskId = crip.Next("task.assigned").Body["taskId"]!.GetValue<string>();

        await crip.SendRawAsync($$"""{ "taskId": "{{taskId}}", "answer": "completed", "outcome": "sans-danger" }""", contentType: null);

        await WaitUntilAsync(async () => await rig.QueryAsync(c => c.Files.AnyAsync(f => f.Id == "dossier-1" && f.Status == "completed")));
    }

    [Fact]
    public async Task An_accepted_that_reaches_the_file_after_the_completed_that_closed_its_task_is_refused_and_leaves_no_trace()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))]);
        var crip = await rig.ConnectAsync("crip-93");
        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var task = crip.Next("task.assigned");

        // The file's row is held, so both answers pass the checks made before the step while the task is open, and
        // queue for the file in the order they came: the completed closes the task, then the accepted meets it closed.
        await using (var holder = new NpgsqlConnection(rig.DatabaseConnectionString))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var select = new NpgsqlCommand("SELECT 1 FROM files WHERE id = 'dossier-1' FOR UPDATE", holder, hold))
                await select.ExecuteNonQueryAsync();
            var completed = await crip.AnswerAsync(task, "completed", "sans-danger");
            await WaitUntilAsync(() => StepsWaitingForAFileAsync(rig, 1));
            var accepted = await crip.AnswerAsync(task, "accepted");
            await WaitUntilAsync(() => StepsWaitingForAFileAsync(rig, 2));
            await hold.CommitAsync();

            var (_, reason) = Assert.Single(await rig.ErrorQueueAsync(expected: 1));
            Assert.Equal("the task is already closed", reason);
            Assert.Equal(1, await rig.QueryAsync(c => c.AppliedStimuli.CountAsync(a => a.StimulusId == "answer:" + completed)));
            Assert.Equal(0, await rig.QueryAsync(c => c.AppliedStimuli.CountAsync(a => a.StimulusId == "answer:" + accepted)));
            Assert.Equal(0, await rig.QueryAsync(c => c.Journal.CountAsync(j => j.StimulusId == "answer:" + accepted)));
        }
    }

    [Fact]
    public async Task A_message_id_that_is_not_a_UUID_is_logged_as_received_when_it_can_name_no_one_and_by_its_length_otherwise()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))]);
        var crip = await rig.ConnectAsync("crip-93");
        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var taskId = crip.Next("task.assigned").Body["taskId"]!.GetValue<string>();

        var answer = $$"""{ "taskId": "{{taskId}}", "answer": "accepted" }""";
        await crip.SendRawAsync(answer, messageId: "0190a3c2-5f4e-7a1b-8c3d-2e4f6a8b0c1");
        await crip.SendRawAsync(answer, messageId: "Lina Martin");
        Assert.Equal(2, (await rig.ErrorQueueAsync(expected: 2)).Count);

        var refusals = rig.Host.Log.Messages(typeof(Pathway.Host.Messaging.PartnerReplyConsumer).FullName!, Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Equal([
            "Message '0190a3c2-5f4e-7a1b-8c3d-2e4f6a8b0c1' (not a UUID) refused: the message-id is missing or is not a UUID",
            "Message (11 characters, not a UUID, not shown) refused: the message-id is missing or is not a UUID",
        ], refusals.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(rig.Host.Log.Entries, e => e.Message.Contains("Lina"));
    }

    [Fact]
    public async Task A_refused_message_sends_no_fault_to_the_address_its_sender_names()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))]);
        var crip = await rig.ConnectAsync("crip-93");
        var parquet = await rig.ConnectAsync("parquet-difaje");
        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var task = crip.Next("task.assigned");

        // MassTransit sends a fault to the response or fault address a message names: here, another partner's queue.
        const string elsewhere = "exchange:pathway.partner.parquet-difaje";
        await crip.SendRawAsync("""{ "answer": "accepted" }""", replyTo: elsewhere,
            headers: new Dictionary<string, object?> { ["MT-Response-Address"] = elsewhere, ["MT-Fault-Address"] = elsewhere });
        Assert.Single(await rig.ErrorQueueAsync(expected: 1));
        // A fault would have been sent before the refused message reached the error queue, so before this task.
        await crip.AnswerAsync(task, "completed", "danger");
        parquet.Next("task.assigned");

        Assert.Equal(["task.assigned"], parquet.All.Select(m => m.Type));
    }

    [Fact]
    public async Task Files_started_on_v1_continue_on_v1_after_v2_is_published()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D", decisionTitle: "Décider (v1)"))]);
        var crip = await rig.ConnectAsync("crip-93");
        var parquet = await rig.ConnectAsync("parquet-difaje");
        await rig.OpenFileAsync("evaluation-courte", "dossier-v1", TestPathways.Minor);
        var first = crip.Next("task.assigned");

        var store = rig.Host.Services.GetRequiredService<DefinitionStore>();
        await store.SaveDraftAsync(DefinitionJson.Deserialize(TestPathways.Evaluation(version: 2, deadline: "P8D", decisionTitle: "Décider (v2)")), "owner");
        Assert.Empty(await store.PublishAsync("evaluation-courte", 2, "owner"));
        await rig.OpenFileAsync("evaluation-courte", "dossier-v2", TestPathways.Minor);
        var second = crip.Next("task.assigned");

        await crip.AnswerAsync(first, "completed", "danger");
        Assert.Equal("Décider (v1)", parquet.Next("task.assigned").Body["title"]!.GetValue<string>());
        await crip.AnswerAsync(second, "completed", "danger");
        Assert.Equal("Décider (v2)", parquet.Next("task.assigned").Body["title"]!.GetValue<string>());
        var versions = await rig.QueryAsync(c => c.Files.OrderBy(f => f.Id).Select(f => f.Version).ToListAsync());
        Assert.Equal([1, 2], versions);
    }

    private static async Task<DateTimeOffset> DueAtAsync(CarePathwayRig rig, string purpose) =>
        new(await rig.QueryAsync(c => c.Bookmarks.IgnoreQueryFilters().Where(b => b.Purpose == purpose).Select(b => b.DueAt!.Value).SingleAsync()));

    /// <summary>Whether at least <paramref name="count"/> steps wait for the lock of a file (read from a connection of
    /// its own: within a transaction, PostgreSQL shows the same snapshot of sessions every time).</summary>
    private static async Task<bool> StepsWaitingForAFileAsync(CarePathwayRig rig, int count)
    {
        await using var connection = new NpgsqlConnection(rig.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' " +
            "AND query LIKE '%FROM files WHERE id = % FOR UPDATE%'", connection);
        return (long)(await command.ExecuteScalarAsync())! >= count;
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}

/// <summary>Tests that provision the real partner ids: broker users are shared by every vhost, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CarePathwayCollection
{
    public const string Name = "care pathway on RabbitMQ";
}
