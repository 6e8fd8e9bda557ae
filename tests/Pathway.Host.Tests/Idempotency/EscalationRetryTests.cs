using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Pathway.Host.Tests.Idempotency;

/// <summary>
/// An action on an escalation sent twice with one <c>Idempotency-Key</c> (a double click, a retry after a lost answer)
/// is done once: the file applies one stimulus, and both requests get its answer.
/// </summary>
public sealed class EscalationRetryTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_action_sent_twice_with_one_key_is_done_once(string provider)
    {
        await using var rig = await IdempotencyRig.StartAsync(provider);
        var coordinator = await rig.ClientAsAsync("coordinatrice");
        var (fileId, escalation) = await rig.OpenEscalatedFileAsync();
        var key = IdempotencyRig.NewKey();

        var first = await Answer.ReadAsync(await IdempotencyRig.PostAsync(coordinator, $"/api/escalations/{escalation}/acknowledge", null, key));
        var again = await Answer.ReadAsync(await IdempotencyRig.PostAsync(coordinator, $"/api/escalations/{escalation}/acknowledge", null, key));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((HttpStatusCode.OK, first.Body, true), (again.Status, again.Body, again.Replayed));
        Assert.Single(await rig.EscalationActionsAsync(fileId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_double_click_racing_with_one_key_is_done_once_and_both_get_its_answer(string provider)
    {
        await using var rig = await IdempotencyRig.StartAsync(provider);
        var coordinator = await rig.ClientAsAsync("coordinatrice");
        var (fileId, escalation) = await rig.OpenEscalatedFileAsync();
        var key = IdempotencyRig.NewKey();
        var resolve = new JsonObject { ["reason"] = "Place trouvée en foyer" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            await Answer.ReadAsync(await IdempotencyRig.PostAsync(coordinator, $"/api/escalations/{escalation}/resolve", resolve, key))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Single(await rig.EscalationActionsAsync(fileId));
    }

    [Fact]
    public async Task Without_a_key_each_action_is_done_as_before()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var coordinator = await rig.ClientAsAsync("coordinatrice");
        var (fileId, escalation) = await rig.OpenEscalatedFileAsync();

        await IdempotencyRig.PostAsync(coordinator, $"/api/escalations/{escalation}/acknowledge", null, key: null);
        await IdempotencyRig.PostAsync(coordinator, $"/api/escalations/{escalation}/acknowledge", null, key: null);

        Assert.Equal(2, (await rig.EscalationActionsAsync(fileId)).Count);
    }

    [Fact]
    public async Task The_same_key_for_another_action_is_a_409_and_that_action_is_not_done()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var coordinator = await rig.ClientAsAsync("coordinatrice");
        var (fileId, escalation) = await rig.OpenEscalatedFileAsync();
        var key = IdempotencyRig.NewKey();
        await IdempotencyRig.PostAsync(coordinator, $"/api/escalations/{escalation}/acknowledge", null, key);

        var other = await IdempotencyRig.PostAsync(coordinator, $"/api/escalations/{escalation}/resolve", null, key);

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Single(await rig.EscalationActionsAsync(fileId));
        Assert.True(await rig.QueryAsync(c => c.Bookmarks.AnyAsync(b => b.Id == escalation)), "the escalation was resolved");
    }
}
