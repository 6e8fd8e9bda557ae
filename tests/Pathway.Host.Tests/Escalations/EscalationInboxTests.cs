using System.Net;
using System.Text.Json.Nodes;

namespace Pathway.Host.Tests.Escalations;

/// <summary>GET /api/escalations: the coordinator's inbox, the inspector's level 2, most urgent first.</summary>
public sealed class EscalationInboxTests(EscalationRig rig) : IClassFixture<EscalationRig>
{
    [Fact]
    public async Task A_task_past_its_deadline_shows_in_the_coordinators_inbox_with_its_stage_partner_and_legal_basis()
    {
        var file = await rig.OpenFileAsync(EscalationRig.LateTask);

        var item = await rig.EscalationOfAsync(file);

        Assert.Equal(1, (int)item["level"]!);
        Assert.StartsWith("Délai dépassé pour la demande « Évaluer la situation »", (string)item["reason"]!);
        Assert.Equal("evaluation", (string)item["stage"]!["id"]!);
        Assert.Equal("Évaluation de la situation", (string)item["stage"]!["label"]!);
        Assert.Equal("crip-93", (string)item["partner"]!["id"]!);
        Assert.Equal("Cellule de recueil des informations préoccupantes (CRIP) de la Seine-Saint-Denis", (string)item["partner"]!["name"]!);
        Assert.Equal("Évaluer la situation", (string)item["task"]!["title"]!);
        Assert.Equal("CASF D226-2-4", (string)item["task"]!["legalBasis"]!);
        Assert.NotNull(item["task"]!["dueAt"]);
        Assert.NotNull(item["risesAt"]);
        Assert.False((bool)item["acknowledged"]!);
        Assert.True((long)item["overdueSeconds"]! >= 0);
    }

    [Fact]
    public async Task An_escalation_about_no_task_shows_without_partner_or_task()
    {
        var file = await rig.OpenFileAsync(EscalationRig.Explicit);

        var item = await rig.EscalationOfAsync(file);

        Assert.Equal("La demande d'accueil spécialisé a été déclinée", (string)item["reason"]!);
        Assert.Equal("Orientation", (string)item["stage"]!["label"]!);
        Assert.Null(item["partner"]);
        Assert.Null(item["task"]);
    }

    [Fact]
    public async Task The_inspector_sees_level_2_only_and_the_coordinator_sees_both_levels_level_2_first()
    {
        var atLevel1 = await rig.OpenFileAsync(EscalationRig.LateTask);
        var risen = await rig.OpenFileAsync(EscalationRig.LateTaskRising);
        await rig.EscalationOfAsync(atLevel1);
        await rig.EscalationOfAsync(risen, level: 2);

        var inspector = await EscalationRig.InboxAsync(rig.Inspector);
        var coordinator = await EscalationRig.InboxAsync(rig.Coordinator);

        Assert.All(inspector, i => Assert.Equal(2, (int)i["level"]!));
        Assert.Contains(inspector, i => (string?)i["fileId"] == risen);
        Assert.DoesNotContain(inspector, i => (string?)i["fileId"] == atLevel1);
        // The risen escalation shows once, at level 2, before every level-1 one.
        Assert.Single(coordinator, i => (string?)i["fileId"] == risen);
        var levels = coordinator.Select(i => (int)i["level"]!).ToList();
        Assert.Equal(levels.OrderDescending(), levels);
        Assert.True(coordinator.FindIndex(i => (string?)i["fileId"] == risen) < coordinator.FindIndex(i => (string?)i["fileId"] == atLevel1));
    }

    [Fact]
    public async Task Within_a_level_the_longest_overdue_comes_first()
    {
        var first = await rig.OpenFileAsync(EscalationRig.LateTask);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = await rig.OpenFileAsync(EscalationRig.LateTask);
        await rig.EscalationOfAsync(first);
        await rig.EscalationOfAsync(second);

        var inbox = await EscalationRig.InboxAsync(rig.Coordinator);

        Assert.True(inbox.FindIndex(i => (string?)i["fileId"] == first) < inbox.FindIndex(i => (string?)i["fileId"] == second));
        var overdue = inbox.Where(i => (int)i["level"]! == 1).Select(i => (long)i["overdueSeconds"]!).ToList();
        Assert.Equal(overdue.OrderDescending(), overdue);
    }

    [Theory]
    [InlineData("partenaire-crip-93")]
    [InlineData("observatoire")]
    [InlineData("pilote")]
    public async Task Other_roles_may_not_read_the_inbox(string user)
    {
        var client = await rig.ClientAsAsync(user);

        var response = await client.GetAsync("/api/escalations");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_inbox_is_paged()
    {
        await rig.EscalationOfAsync(await rig.OpenFileAsync(EscalationRig.Explicit));
        await rig.EscalationOfAsync(await rig.OpenFileAsync(EscalationRig.Explicit));

        var page = await EscalationRig.ReadAsync(await rig.Coordinator.GetAsync("/api/escalations?page=2&pageSize=1"));

        Assert.Equal(2, (int)page["page"]!);
        Assert.Equal(1, (int)page["pageSize"]!);
        Assert.Single(page["items"]!.AsArray());
        Assert.True((int)page["total"]! >= 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await rig.Coordinator.GetAsync("/api/escalations?pageSize=500")).StatusCode);
    }
}
