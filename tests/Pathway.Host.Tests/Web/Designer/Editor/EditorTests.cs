using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web.Designer.Editor;

/// <summary>
/// The process owner changes the pathway in the browser: a draft of v2, a new partner task at the start of the
/// pathway, the server's validation shown on the node, the fix, v3 published, and a new file that starts on v3.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class EditorTests(DesignerRig rig, ITestOutputHelper output)
{
    private const string Owner = "Julien Moreau";
    private const string Pathway = "minor-protection-pathway";
    private const string NewTaskTitle = "Premier contact avec le mineur";

    [Fact]
    public async Task The_owner_adds_a_partner_task_fixes_what_validation_reports_publishes_v3_and_a_new_file_starts_with_that_task()
    {
        var page = await rig.SignedInAsync(Owner, "/conception");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir la version 2" }).ClickAsync();
        await Expect(page.Locator(".react-flow__node[data-id='debut']")).ToBeVisibleAsync();
        await Expect(page.GetByText("Publiée", new() { Exact = true })).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, output);

        await page.GetByRole(AriaRole.Button, new() { Name = "Nouveau brouillon" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/conception/{Pathway}/\\d+$")); // the next number (3, unless another test made a draft)
        await Expect(page.GetByText("Brouillon", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enregistré" })).ToHaveTextAsync("Enregistré · aucune erreur");

        // A partner task added to the first stage is connected to nothing: the server says so, on the node.
        await page.GetByLabel("Dans l’étape").SelectOptionAsync("ouverture");
        await page.GetByRole(AriaRole.Button, new() { Name = "Demande à un partenaire" }).ClickAsync();
        var task = page.Locator(".react-flow__node[data-id='partnertask-1']");
        await Expect(task.Locator(".error-badge")).ToBeVisibleAsync();
        var errors = page.GetByRole(AriaRole.Region, new() { NameRegex = new Regex("erreur\\(s\\) à corriger") });
        await Expect(errors).ToContainTextAsync("n’est atteinte depuis aucun début");
        var properties = page.Locator(".side"); // the property panel of the selected activity
        await Expect(properties.GetByLabel("Partenaire (obligatoire)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertAccessibleAsync(page, output);

        // Its properties, typed: the partner from the registry, the request, its answers, a deadline in working days.
        await properties.GetByLabel("Partenaire (obligatoire)").SelectOptionAsync("amicale-du-nid-93");
        await properties.GetByLabel("Nom affiché").FillAsync(NewTaskTitle);
        await properties.GetByLabel("Demande (obligatoire)").FillAsync(NewTaskTitle);
        await properties.GetByLabel("Issues possibles (obligatoire)").FillAsync("contact-pris");
        var deadline = properties.GetByRole(AriaRole.Group, new() { Name = "Délai de traitement" });
        await deadline.GetByLabel("Durée").FillAsync("P3D");
        await deadline.GetByLabel("Décompte").SelectOptionAsync("workingDays");
        await deadline.GetByLabel("Base légale").FillAsync("Protocole départemental, délai de pratique");

        // Connected through the property panel, by keyboard-operable selects: its answers lead on, and the Start leads to it.
        await properties.GetByLabel("Issue « contact-pris » mène à").SelectOptionAsync("info-coordination-ouverture");
        await properties.GetByLabel("Issue « Refusée » mène à").SelectOptionAsync("info-coordination-ouverture");
        await page.Locator(".react-flow__node[data-id='debut']").ClickAsync();
        await Expect(properties.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Ouverture du dossier");
        await properties.GetByLabel("Issue « Suite » mène à").SelectOptionAsync("partnertask-1");

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enregistré" })).ToHaveTextAsync("Enregistré · aucune erreur");
        await Expect(task.Locator(".error-badge")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Expect(page.GetByText("Publiée", new() { Exact = true })).ToBeVisibleAsync();

        var fileId = await OpenFileThroughIntakeAsync();
        var coordinator = await rig.SignedInAsync("Camille Martin", $"/dossiers/{fileId}");
        await Expect(coordinator.GetByText(NewTaskTitle).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_is_refused_with_the_list_of_errors_and_the_keyboard_undoes_and_redoes()
    {
        var page = await rig.SignedInAsync(Owner, $"/conception/{Pathway}/2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nouveau brouillon" }).ClickAsync();
        var saved = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enregistré" });
        await Expect(saved).ToHaveTextAsync("Enregistré · aucune erreur");

        // Delete by keyboard: the Start's outcome now leads nowhere.
        var notice = page.Locator(".react-flow__node[data-id='info-coordination-ouverture']");
        await notice.FocusAsync();
        await page.Keyboard.PressAsync("Delete");
        await Expect(notice).ToHaveCountAsync(0);
        var start = page.Locator(".react-flow__node[data-id='debut']");
        await Expect(start.Locator(".error-badge")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        var refused = page.GetByRole(AriaRole.Alert);
        await Expect(refused).ToContainTextAsync("Publication refusée");
        await Expect(refused).ToContainTextAsync("Une issue de cette activité n’est reliée à aucune suite.");
        await Axe.AssertAccessibleAsync(page, output);

        // An error of the list takes the focus to its activity, whose properties show the message under the outcome.
        await refused.GetByRole(AriaRole.Button, new() { Name = "Ouverture du dossier" }).First.ClickAsync();
        await Expect(start).ToBeFocusedAsync();
        await Expect(page.Locator(".side").GetByLabel("Issue « Suite » mène à")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.Keyboard.PressAsync("Control+z");
        await Expect(notice).ToHaveCountAsync(1);
        await Expect(saved).ToHaveTextAsync("Enregistré · aucune erreur");
        await page.Keyboard.PressAsync("Control+Shift+z");
        await Expect(notice).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await Expect(notice).ToHaveCountAsync(1);
        await Expect(start.Locator(".error-badge")).ToHaveCountAsync(0);
    }

    private async Task<string> OpenFileThroughIntakeAsync()
    {
        var page = await rig.SignedInAsync("Sofia Haddad");
        var minor = page.GetByRole(AriaRole.Group, new() { Name = "Mineur concerné" });
        await page.GetByLabel("Signalement", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Niveau de danger").SelectOptionAsync("eleve");
        await minor.GetByLabel("Prénom").FillAsync("Maëlle");
        await minor.GetByLabel(new Regex("^Nom")).FillAsync("Conception-v3");
        await minor.GetByLabel("Date de naissance").FillAsync("2012-02-03");
        var reporter = page.GetByRole(AriaRole.Group, new() { Name = "Déclarant" });
        await reporter.GetByLabel(new Regex("^Nom")).FillAsync("M. Petit");
        await reporter.GetByLabel("Organisme").FillAsync("Lycée Paul Éluard");
        await page.GetByLabel("Faits rapportés").FillAsync("Fugues répétées.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et ouvrir le dossier" }).ClickAsync();
        var opened = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "ouvert" });
        var text = await opened.Locator("strong").First.InnerTextAsync();
        return Regex.Match(text, @"Dossier (\S+) ouvert").Groups[1].Value;
    }
}
