using Pathway.Host.Tests.CarePathway;

namespace Pathway.Host.Tests.Answering;

/// <summary>
/// An event that adds partners to a <c>ForEachPartner</c> names them: the answer guard checks them against the
/// registry, as it does the partners an escalation's answer names, before the engine sees the event.
/// </summary>
public sealed class EventPartnersTests
{
    private const string Meeting = """
        {
          "id": "reunion-flash",
          "version": 1,
          "name": "Réunion flash (tests)",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "convoquer", "type": "ForEachPartner", "inputs": {
                "partners": ["crip-93"], "title": "Participer à la réunion flash", "outcomes": ["present", "absent"],
                "addedBy": "service-ajoute" } },
            { "id": "fin", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "convoquer" },
            { "source": "convoquer", "outcome": "done", "target": "fin" },
            { "source": "convoquer", "outcome": "expired", "target": "fin" }
          ]
        }
        """;

    [Fact]
    public async Task An_event_adding_a_partner_outside_the_registry_is_refused_and_one_in_it_is_convened()
    {
        await using var rig = await CarePathwayRig.StartAsync([("reunion-flash/v1.json", Meeting)]);
        var crip = await rig.ConnectAsync("crip-93");
        var pjj = await rig.ConnectAsync("pjj-93");
        await rig.OpenFileAsync("reunion-flash", "dossier-1");
        var taskId = crip.Next("task.assigned").Body["taskId"]!.GetValue<string>();
        var before = await rig.SnapshotAsync("dossier-1");

        await crip.SendRawAsync($$"""
            { "taskId": "{{taskId}}", "event": "service-ajoute", "data": { "partners": ["pjj-93", "nulle-part"] } }
            """);

        var (_, faultReason) = Assert.Single(await rig.ErrorQueueAsync(expected: 1));
        Assert.Equal("unknown partner 'nulle-part'", faultReason);
        Assert.Equal(before, await rig.SnapshotAsync("dossier-1"));

        await crip.SendRawAsync($$"""
            { "taskId": "{{taskId}}", "event": "service-ajoute", "data": { "partners": ["pjj-93"] } }
            """);

        var added = pjj.Next("task.assigned");
        Assert.Equal("dossier-1", added.Body["fileRef"]!.GetValue<string>());
    }
}
