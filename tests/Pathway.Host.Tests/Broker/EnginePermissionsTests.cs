using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Pathway.Activities.Partners;
using Pathway.Host.Tests.CarePathway;
using Pathway.Host.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// The engine as its own broker user, with exactly the permissions docs/broker.md gives it (read from the page): it
/// runs the pathway, refused answers included, and cannot pass itself off as a partner.
/// </summary>
[Collection(CarePathwayCollection.Name)]
public sealed partial class EnginePermissionsTests
{
    [Fact]
    public async Task The_engine_sends_tasks_applies_answers_and_files_refusals_with_exactly_the_documented_permissions()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))], startHost: false);
        var (configure, write, read) = Documented();
        var (_, engineUrl) = await rig.CreateBrokerUserAsync("engine", configure, write, read);
        rig.StartHost(engineUrl: engineUrl);
        var crip = await rig.ConnectAsync("crip-93");
        var parquet = await rig.ConnectAsync("parquet-difaje");

        await rig.OpenFileAsync("evaluation-courte", "dossier-1", TestPathways.Minor);
        var task = crip.Next("task.assigned");
        await crip.SendRawAsync($$"""{ "taskId": "{{Guid.NewGuid()}}", "answer": "accepted" }""");
        var (_, reason) = Assert.Single(await rig.ErrorQueueAsync(expected: 1));
        Assert.Equal("unknown task", reason);
        await crip.AnswerAsync(task, "completed", "danger");
        parquet.Next("task.assigned");

        Assert.DoesNotContain(rig.Host.Log.Entries, e => e.Level >= LogLevel.Warning && Mentions(e, "ACCESS_REFUSED"));
    }

    [Fact]
    public async Task The_engine_user_cannot_publish_to_a_partner_s_answer_exchange_nor_to_the_default_exchange()
    {
        await using var rig = await CarePathwayRig.StartAsync([("evaluation-courte/v1.json", TestPathways.Evaluation(deadline: "P8D"))], startHost: false);
        var (configure, write, read) = Documented();
        var (_, engineUrl) = await rig.CreateBrokerUserAsync("engine", configure, write, read);

        Assert.Equal(403, (await RefusalAsync(engineUrl, BrokerNames.AnswersExchangeOf("crip-93"))).ReplyCode);
        Assert.Equal(403, (await RefusalAsync(engineUrl, "")).ReplyCode);
    }

    /// <summary>The configure, write and read patterns of the <c>rabbitmqctl set_permissions</c> line of docs/broker.md.</summary>
    private static (string Configure, string Write, string Read) Documented()
    {
        var line = SetPermissions().Match(File.ReadAllText(RepositoryFile.Path("docs/broker.md")));
        Assert.True(line.Success, "docs/broker.md has no `rabbitmqctl set_permissions … 'configure' 'write' 'read'` line for the engine.");
        return (line.Groups["configure"].Value, line.Groups["write"].Value, line.Groups["read"].Value);
    }

    private static bool Mentions(LogEntry entry, string text) =>
        entry.Message.Contains(text, StringComparison.Ordinal) || (entry.Exception?.ToString().Contains(text, StringComparison.Ordinal) ?? false);

    /// <summary>Publishes as the engine's user on a fresh channel; returns why the broker closed it, failing if it did not.</summary>
    private static async Task<ShutdownEventArgs> RefusalAsync(Uri engineUrl, string exchange)
    {
        await using var connection = await new ConnectionFactory { Uri = engineUrl }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.BasicPublishAsync(exchange, BrokerNames.AnswersQueue, Encoding.UTF8.GetBytes("forged answer"));
            // A refused publish has no reply: the broker closes the channel later. A round trip waits for that.
            await channel.BasicQosAsync(0, 1, false);
        }
        catch (Exception exception) when (exception is OperationInterruptedException or AlreadyClosedException)
        {
        }

        return channel.CloseReason ?? throw new Xunit.Sdk.XunitException($"The broker let the engine publish to '{exchange}'.");
    }

    [GeneratedRegex(@"rabbitmqctl set_permissions -p \S+ \S+ '(?<configure>[^']*)' '(?<write>[^']*)' '(?<read>[^']*)'")]
    private static partial Regex SetPermissions();
}
