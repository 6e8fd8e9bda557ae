using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Activities.Partners;
using Pathway.Host.Messaging;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Records;

/// <summary>
/// Partners answering on the in-memory bus of the embedded default: the answer goes to the answers queue with the
/// header that names the sender there (only code inside the host can send on that bus). Each call waits until the
/// engine applied the answer.
/// </summary>
internal static class PartnerAnswers
{
    /// <summary>An answer as docs/partners.md writes it (camelCase, nulls left out by the bus's serializer).</summary>
    public sealed record PartnerAnswer(string TaskId, string Answer, string? Outcome = null, string? Reason = null, JsonObject? Data = null);

    public static async Task AnswerAsync(this PathwayRun run, string partnerId, string taskId, string answer, string? outcome = null,
        string? reason = null)
    {
        var messageId = Guid.NewGuid();
        var endpoint = await run.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + BrokerNames.AnswersQueue));
        await endpoint.Send(new PartnerAnswer(taskId, answer, outcome, reason), context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(PartnerIdentity.InMemoryHeader, partnerId);
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await run.QueryAsync(c => c.AppliedStimuli.AnyAsync(a => a.StimulusId == "answer:" + messageId)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The answer of {partnerId} to task {taskId} was not applied.");
            await Task.Delay(100);
        }
    }

    /// <summary>The id of the partner's open task on the file, as the partner reads it from the API.</summary>
    public static async Task<string> OpenTaskAsync(this PathwayRun run, string partnerId, string fileId)
    {
        var partner = await run.ClientAsAsync("partenaire-" + partnerId);
        var detail = await partner.GetJsonAsync($"/api/files/{fileId}");
        return detail.GetProperty("tasks").EnumerateArray()
            .Single(t => t.GetProperty("status").GetString() == "open").GetProperty("id").GetString()!;
    }

    /// <summary>The partner's open task on the file gets this answer.</summary>
    public static async Task CompleteAsync(this PathwayRun run, string partnerId, string fileId, string outcome) =>
        await run.AnswerAsync(partnerId, await run.OpenTaskAsync(partnerId, fileId), "completed", outcome);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
