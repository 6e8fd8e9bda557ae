using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Activities.Contracts;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Escalations;

/// <summary>
/// POST /api/escalations/{id}/…: each action reaches the file as one step journaled with the user as actor, and the
/// partners get the messages it implies; what cannot be done is refused with 400, 404 or 409, never 500.
/// </summary>
public sealed class EscalationActionTests(EscalationRig rig) : IClassFixture<EscalationRig>
{
    private const string Coordinatrice = "user:coordinatrice";

    [Fact]
    public async Task Acknowledging_keeps_the_escalation_in_the_inbox_acknowledged_without_rising_and_journals_who()
    {
        var (file, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "acknowledge"), new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await EscalationRig.ReadAsync(response);
        Assert.Equal(file, (string)done["fileId"]!);
        Assert.Equal("acknowledged", (string)done["disposition"]!);
        var item = await rig.EscalationOfAsync(file);
        Assert.True((bool)item["acknowledged"]!);
        Assert.Null(item["risesAt"]);
        var journal = await rig.ActionJournalAsync(file);
        Assert.Contains(journal, j => j.Kind == JournalKinds.ActivityResumed);
        Assert.All(journal, j => Assert.Equal(Coordinatrice, j.Actor));
    }

    [Fact]
    public async Task Reminding_sends_the_partner_a_reminder_with_the_message_and_keeps_the_escalation_open()
    {
        var (file, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "remind"), new { message = "Merci de nous répondre aujourd'hui." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (destination, reminder) = Assert.Single(await rig.SentAsync(file, MessageTypes.TaskReminder));
        Assert.Equal("crip-93", destination);
        Assert.Equal("Merci de nous répondre aujourd'hui.", (string)reminder["message"]!);
        Assert.Equal((string)escalation["task"]!["id"]!, (string)reminder["taskId"]!);
        Assert.True((bool)(await rig.EscalationOfAsync(file))["acknowledged"]!);
        Assert.Contains(await rig.ActionJournalAsync(file), j => j.Kind == JournalKinds.EffectEmitted && j.Actor == Coordinatrice);
    }

    [Fact]
    public async Task Reminding_and_resolving_need_no_body()
    {
        var (file, escalation) = await LateAsync();

        Assert.Equal(HttpStatusCode.OK, (await rig.Coordinator.PostAsync(Action(escalation, "remind"), content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rig.Coordinator.PostAsync(Action(escalation, "resolve"), content: null)).StatusCode);
        Assert.False((await rig.SentAsync(file, MessageTypes.TaskReminder)).Single().Body.ContainsKey("message"));
    }

    [Fact]
    public async Task Extending_gives_the_partner_a_new_due_date_and_closes_the_escalation()
    {
        var (file, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "extend"), new { extension = "P8D", reason = "Audience reportée" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (destination, reminder) = Assert.Single(await rig.SentAsync(file, MessageTypes.TaskReminder));
        Assert.Equal("crip-93", destination);
        Assert.True(DateTime.Parse((string)reminder["dueAt"]!, CultureInfo.InvariantCulture).ToUniversalTime() > DateTime.UtcNow.AddDays(7));
        Assert.DoesNotContain(await EscalationRig.InboxAsync(rig.Coordinator), i => (string?)i["fileId"] == file);
        Assert.All(await rig.ActionJournalAsync(file), j => Assert.Equal(Coordinatrice, j.Actor));
    }

    [Fact]
    public async Task An_extension_may_be_given_in_days()
    {
        var (file, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "extend"), new { extension = 3, reason = "Rapport attendu" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await rig.SentAsync(file, MessageTypes.TaskReminder));
    }

    [Fact]
    public async Task Reassigning_withdraws_the_task_from_its_partner_and_assigns_it_to_the_new_one()
    {
        var (file, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "reassign"),
            new { partner = "ase-93", reason = "La CRIP est saturée ; l'ASE reprend l'évaluation." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (from, withdrawn) = Assert.Single(await rig.SentAsync(file, MessageTypes.TaskWithdrawn));
        Assert.Equal("crip-93", from);
        Assert.Equal("La CRIP est saturée ; l'ASE reprend l'évaluation.", (string)withdrawn["reason"]!);
        Assert.Equal((string)escalation["task"]!["id"]!, (string)withdrawn["taskId"]!);
        var assigned = await rig.SentAsync(file, MessageTypes.TaskAssigned, count: 2);
        var (to, task) = Assert.Single(assigned, m => m.Destination == "ase-93");
        Assert.NotEqual((string)escalation["task"]!["id"]!, (string)task["taskId"]!);
        Assert.Equal("Évaluer la situation", (string)task["title"]!);
        Assert.Equal("Lina", (string)task["data"]!["prenom"]!);
        var open = await rig.QueryAsync(db => db.Bookmarks.AsNoTracking().Where(b => b.FileId == file && b.Purpose == "task").ToListAsync());
        Assert.Equal("ase-93", Assert.Single(open).Addressee);
        // The escalation is closed. (The new task's own short test deadline may already have raised a new one.)
        Assert.DoesNotContain(await EscalationRig.InboxAsync(rig.Coordinator), i => (string?)i["id"] == (string)escalation["id"]!);
    }

    [Fact]
    public async Task Convening_sends_one_meeting_message_to_each_partner_convened_once()
    {
        var (file, escalation) = await LateAsync();
        var at = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "convene"), new
        {
            partners = new[] { "crip-93", "parquet-difaje", "crip-93" }, at, place = "CDEF, salle 2", agenda = "Point sur l'évaluation",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var meetings = await rig.SentAsync(file, MessageTypes.MeetingConvened, count: 2);
        Assert.Equal(["crip-93", "parquet-difaje"], meetings.Select(m => m.Destination).Order(StringComparer.Ordinal));
        Assert.All(meetings, m =>
        {
            Assert.Equal(at, (string)m.Body["at"]!);
            Assert.Equal("CDEF, salle 2", (string)m.Body["place"]!);
            Assert.Equal("coordination", (string)m.Body["convenedBy"]!);
            Assert.Equal(file, (string)m.Body["fileRef"]!);
        });
        Assert.True((bool)(await rig.EscalationOfAsync(file))["acknowledged"]!);
    }

    [Fact]
    public async Task Resolving_an_escalation_about_no_task_closes_it_and_moves_the_file_on()
    {
        var file = await rig.OpenFileAsync(EscalationRig.Explicit);
        var escalation = await rig.EscalationOfAsync(file);

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "resolve"), new { reason = "Place trouvée hors du département" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", await rig.QueryAsync(db => db.Files.Where(f => f.Id == file).Select(f => f.Status).SingleAsync()));
        Assert.All(await rig.ActionJournalAsync(file), j => Assert.Equal(Coordinatrice, j.Actor));
    }

    [Fact]
    public async Task The_inspector_acts_on_a_level_2_escalation_in_their_own_name()
    {
        var file = await rig.OpenFileAsync(EscalationRig.LateTaskRising);
        var escalation = await rig.EscalationOfAsync(file, level: 2, client: rig.Inspector);

        var response = await rig.Inspector.PostAsJsonAsync(Action(escalation, "acknowledge"), new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(await rig.ActionJournalAsync(file), j => Assert.Equal("user:inspectrice", j.Actor));
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_inspector_does_not_see_a_level_1_escalation_and_cannot_act_on_it()
    {
        var (_, escalation) = await LateAsync();

        var response = await rig.Inspector.PostAsJsonAsync(Action(escalation, "acknowledge"), new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_escalation_is_404()
    {
        var response = await rig.Coordinator.PostAsJsonAsync($"/api/escalations/{Guid.NewGuid()}/acknowledge", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rig.Coordinator.PostAsJsonAsync("/api/escalations/pas-un-id/acknowledge", new { })).StatusCode);
    }

    [Fact]
    public async Task A_closed_escalation_is_409_and_the_file_is_untouched()
    {
        var file = await rig.OpenFileAsync(EscalationRig.Explicit);
        var escalation = await rig.EscalationOfAsync(file);
        (await rig.Coordinator.PostAsJsonAsync(Action(escalation, "resolve"), new { })).EnsureSuccessStatusCode();
        var journal = (await rig.QueryAsync(db => db.Journal.Where(j => j.FileId == file).CountAsync()));

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "acknowledge"), new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(journal, await rig.QueryAsync(db => db.Journal.Where(j => j.FileId == file).CountAsync()));
    }

    [Fact]
    public async Task A_bad_extension_is_400_with_a_French_message_per_field()
    {
        var (_, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "extend"), new { extension = "huit jours", reason = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await EscalationRig.ReadAsync(response))["errors"]!;
        Assert.StartsWith("Indiquez la prolongation", (string)errors["extension"]![0]!);
        Assert.Equal("Indiquez le motif.", (string)errors["reason"]![0]!);
    }

    [Fact]
    public async Task Reassigning_to_a_partner_unknown_to_the_registry_is_400()
    {
        var (file, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "reassign"), new { partner = "inconnu-93", reason = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Partenaire inconnu du registre : inconnu-93.", (string)(await EscalationRig.ReadAsync(response))["errors"]!["partner"]![0]!);
        Assert.Empty(await rig.ActionJournalAsync(file));
    }

    [Fact]
    public async Task Convening_in_the_past_or_unknown_partners_is_400()
    {
        var (_, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "convene"),
            new { partners = new[] { "crip-93", "nulle-part" }, at = "2020-01-01T09:00:00Z", place = "", agenda = "Point" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await EscalationRig.ReadAsync(response))["errors"]!.AsObject();
        Assert.Equal(["at", "partners", "place"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("La réunion doit avoir lieu dans le futur.", (string)errors["at"]![0]!);
    }

    [Fact]
    public async Task An_escalation_about_no_task_cannot_be_reminded_and_says_why()
    {
        var file = await rig.OpenFileAsync(EscalationRig.Explicit);
        var escalation = await rig.EscalationOfAsync(file);

        var response = await rig.Coordinator.PostAsJsonAsync(Action(escalation, "remind"), new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("about no task", (string)(await EscalationRig.ReadAsync(response))["detail"]!);
        Assert.Empty(await rig.ActionJournalAsync(file));
    }

    [Theory]
    [InlineData("extend", "{ not json")]
    [InlineData("extend", "[1, 2]")]
    [InlineData("reassign", """{ "partner": 12, "reason": ["x"] }""")]
    [InlineData("convene", """{ "partners": "crip-93" }""")]
    [InlineData("extend", """{ "extension": { "days": 8 }, "reason": "x" }""")]
    public async Task Malformed_bodies_are_400_never_500(string action, string body)
    {
        var (_, escalation) = await LateAsync();

        var response = await rig.Coordinator.PostAsync(Action(escalation, action), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("partenaire-crip-93")]
    [InlineData("accueil")]
    public async Task Other_roles_may_not_act(string user)
    {
        var (_, escalation) = await LateAsync();
        var client = await rig.ClientAsAsync(user);

        var response = await client.PostAsJsonAsync(Action(escalation, "acknowledge"), new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(string File, JsonObject Escalation)> LateAsync()
    {
        var file = await rig.OpenFileAsync(EscalationRig.LateTask);
        return (file, await rig.EscalationOfAsync(file));
    }

    private static string Action(JsonObject escalation, string action) => $"/api/escalations/{(string)escalation["id"]!}/{action}";
}
