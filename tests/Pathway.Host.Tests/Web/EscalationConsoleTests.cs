using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pathway.Workflows.Persistence;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web;

/// <summary>The coordinator's console end to end: the inbox, an action on an escalation, the file it changes.</summary>
[Collection(WebAppCollection.Name)]
public sealed class EscalationConsoleTests(WebAppRig rig, ITestOutputHelper output)
{
    /// <summary>The partner takes three seconds too long; the inbox polls every five.</summary>
    private static readonly TimeSpan StallAndPoll = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stalled_file_reaches_the_inbox_the_coordinator_extends_its_deadline_and_the_file_moves_on()
    {
        var fileId = await rig.Host.OpenFileAsync(WebAppPathways.StallingId, "2026-WEB001");
        var page = await rig.SignedInAsync("Camille Martin");

        // The inbox refreshes by itself: the escalation appears once the CRIP's three seconds are over.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = fileId });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = (float)StallAndPoll.TotalMilliseconds });
        await Expect(row).ToContainTextAsync("Cellule de recueil des informations préoccupantes");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex(@"Mis à jour à \d\d:\d\d") })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, output);

        await row.GetByRole(AriaRole.Button, new() { Name = "Traiter" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Prolonger le délai" }).ClickAsync();
        await dialog.GetByLabel("Prolongation, en jours").FillAsync("8");
        await dialog.GetByLabel("Motif").FillAsync("Audience reportée au 2 décembre");
        await Axe.AssertAccessibleAsync(page, output);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Prolonger le délai" }).ClickAsync();

        await Expect(page.GetByText("Délai prolongé de 8 jours pour le dossier " + fileId)).ToBeVisibleAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // Extended, the escalation is closed and leaves the inbox; the file is reached from the list of files.
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Dossiers" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = fileId, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dossier " + fileId);
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Chronologie" });
        // The coordinator's extension, with her name and her reason, among the partners' lines.
        await Expect(timeline).ToContainTextAsync(new Regex("Délai prolongé de 8 jours par Camille Martin.*Audience reportée au 2 décembre", RegexOptions.Singleline));
        await Axe.AssertAccessibleAsync(page, output);

        var task = await rig.Host.OpenTaskAsync(fileId, WebAppPathways.StallingPartner);
        await rig.Host.AnswerAsync(WebAppPathways.StallingPartner, task, "danger");

        // The answer travels through the bus: the coordinator refreshes until the file has moved on.
        var nextStage = page.GetByRole(AriaRole.Term).Filter(new() { HasText = "Étape en cours" }).Locator("xpath=following-sibling::dd[1]");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await nextStage.InnerTextAsync()).Contains(WebAppPathways.NextStageLabel) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.GetByRole(AriaRole.Button, new() { Name = "Actualiser" }).ClickAsync();
        }

        await Expect(nextStage).ToHaveTextAsync(WebAppPathways.NextStageLabel);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Tâches ouvertes" })).ToContainTextAsync("Décider des suites");
    }

    [Fact]
    public async Task A_reminder_whose_answer_was_lost_is_sent_again_with_its_key_and_done_once()
    {
        var fileId = await rig.Host.OpenFileAsync(WebAppPathways.StallingId, "2026-WEB003");
        var page = await rig.SignedInAsync("Camille Martin");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = fileId });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = (float)StallAndPoll.TotalMilliseconds });
        // The first reminder reaches the host, which does it; its answer is lost on the way back, as when a proxy drops.
        var keys = new List<string?>();
        await page.RouteAsync("**/api/escalations/*/remind", async route =>
        {
            keys.Add(route.Request.Headers.GetValueOrDefault("idempotency-key"));
            if (keys.Count > 1)
            {
                await route.ContinueAsync();
                return;
            }

            await route.FetchAsync();
            await route.AbortAsync();
        });

        await row.GetByRole(AriaRole.Button, new() { Name = "Traiter" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Relancer le partenaire" }).ClickAsync();
        await dialog.GetByLabel("Message au partenaire").FillAsync("Merci de nous tenir informés avant vendredi.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Envoyer la relance" }).ClickAsync();

        // The web app tried again by itself, with the same key; the host answered with what it had done.
        await Expect(page.GetByText("a été relancé")).ToBeVisibleAsync();
        Assert.Equal(2, keys.Count);
        Assert.Matches("^\"[0-9a-f-]{36}\"$", keys[0]);
        Assert.Equal(keys[0], keys[1]);
        await using var db = rig.Host.Services.GetRequiredService<PathwayDatabase>().CreateContext();
        Assert.Equal(1, await db.AppliedStimuli.CountAsync(a => a.FileId == fileId && a.StimulusId.StartsWith("escalation:")));
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.FileId == fileId && o.Kind == "task.reminder"));
    }

    [Fact]
    public async Task An_extension_without_a_reason_is_refused_next_to_the_field_and_Escape_gives_focus_back()
    {
        var fileId = await rig.Host.OpenFileAsync(WebAppPathways.StallingId, "2026-WEB002");
        var page = await rig.SignedInAsync("Camille Martin");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = fileId });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = (float)StallAndPoll.TotalMilliseconds });

        await row.GetByRole(AriaRole.Button, new() { Name = "Traiter" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Prolonger le délai" }).ClickAsync();
        await dialog.GetByLabel("Prolongation, en jours").FillAsync("8");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Prolonger le délai" }).ClickAsync();

        var reason = dialog.GetByLabel("Motif");
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(reason).ToHaveAccessibleDescriptionAsync(new Regex("Indiquez le motif"));
        await Axe.AssertAccessibleAsync(page, output);

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Traiter" })).ToBeFocusedAsync();
    }
}
