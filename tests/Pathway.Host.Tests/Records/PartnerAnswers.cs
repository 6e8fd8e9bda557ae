using System.Text.Json;
using System.Text.Json.Nodes;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
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

    /// <summary>Sends an answer without waiting for it (it may be refused); returns its message id.</summary>
    public static async Task<Guid> SendAnswerAsync(this WebApplicationFactory<Program> run, string partnerId, PartnerAnswer answer)
    {
        var messageId = Guid.NewGuid();
        var endpoint = await run.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + BrokerNames.AnswersQueue));
        await endpoint.Send(answer, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set(PartnerIdentity.InMemoryHeader, partnerId);
        });
        return messageId;
    }

    public static async Task AnswerAsync(this WebApplicationFactory<Program> run, string partnerId, string taskId, string answer, string? outcome = null,
        string? reason = null)
    {
        var messageId = await run.SendAnswerAsync(partnerId, new PartnerAnswer(taskId, answer, outcome, reason));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await run.QueryAsync(c => c.AppliedStimuli.AnyAsync(a => a.StimulusId == "answer:" + messageId)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The answer of {partnerId} to task {taskId} was not applied.");
            await Task.Delay(100);
        }
    }

    /// <summary>The id of the partner's open task on the file, as the partner reads it from the API.</summary>
    /// <param name="activityId">Which task, when the partner has several open on the file.</param>
    public static async Task<string> OpenTaskAsync(this WebApplicationFactory<Program> run, string partnerId, string fileId, string? activityId = null)
    {
        var partner = await run.SignInAsync("partenaire-" + partnerId);
        var detail = await partner.GetJsonAsync($"/api/files/{fileId}");
        return detail.GetProperty("tasks").EnumerateArray()
            .Single(t => t.GetProperty("status").GetString() == "open" && (activityId is null || t.Text("activityId") == activityId))
            .GetProperty("id").GetString()!;
    }

    /// <summary>The partner's open task on the file gets this answer.</summary>
    public static async Task CompleteAsync(this WebApplicationFactory<Program> run, string partnerId, string fileId, string outcome,
        string? activityId = null) =>
        await run.AnswerAsync(partnerId, await run.OpenTaskAsync(partnerId, fileId, activityId), "completed", outcome);

    /// <summary>A client signed in as one of the development sign-in's users, on any host of the tests (derived ones too).</summary>
    public static async Task<HttpClient> SignInAsync(this WebApplicationFactory<Program> run, string user)
    {
        var client = run.CreateClient();
        var response = await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>Null or left out: the API may do either.</summary>
    public static bool IsAbsent(this JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;
}
