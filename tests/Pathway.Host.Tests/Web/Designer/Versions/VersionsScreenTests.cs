using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web.Designer.Versions;

/// <summary>The process owner's versions screens end to end: versions, diff, dry run and migration of a running file.</summary>
[Collection(WebAppCollection.Name)]
public sealed class VersionsScreenTests(WebAppRig rig, ITestOutputHelper output)
{
    private const string Owner = "Julien Moreau";

    private static ILocator VersionRow(IPage page, int version) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Versions", Exact = true }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = $"v{version}", Exact = true }) });

    /// <summary>The fifth data cell of a version's row: how many files run on it.</summary>
    private static ILocator RunningFiles(IPage page, int version) => VersionRow(page, version).GetByRole(AriaRole.Cell).Nth(4);

    [Fact]
    public async Task The_owner_sees_the_file_on_v2_compares_v2_with_v3_simulates_and_migrates_it_and_the_file_says_so()
    {
        const string id = "parcours-a-migrer";
        const string fileId = "2026-VER001";
        using var api = await VersionedPathway.SignedInClientAsync(rig.Host.BaseAddress, "pilote");
        var pathway = new VersionedPathway(api, id);
        await pathway.PublishAsync(VersionedPathway.Document(id, "P10D"));
        await pathway.PublishAsync(VersionedPathway.Document(id, "P10D", decider: "juge-des-enfants"));
        await rig.Host.OpenFileAsync(id, fileId);
        // v3: the CRIP has twenty days instead of ten, the ASE is told when there is no danger, the parquet decides again.
        Assert.Equal(3, await pathway.PublishAsync(VersionedPathway.Document(id, "P20D", informAse: true)));

        var page = await rig.SignedInAsync(Owner, $"/conception/{id}/versions");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Versions du parcours Parcours à migrer (tests du navigateur)");
        await Expect(RunningFiles(page, 2)).ToHaveTextAsync("1");
        await Expect(RunningFiles(page, 3)).ToHaveTextAsync("0");
        await Expect(VersionRow(page, 3)).ToContainTextAsync("Publiée");
        await Expect(VersionRow(page, 2).GetByRole(AriaRole.Link, new() { Name = "Ouvrir dans l’éditeur la version 2" }))
            .ToHaveAttributeAsync("href", $"/conception/{id}/2");
        await Axe.AssertAccessibleAsync(page, output);

        await page.GetByLabel("Version de départ").SelectOptionAsync("2");
        await page.GetByLabel("Version d’arrivée").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comparer" }).ClickAsync();
        var diff = page.GetByRole(AriaRole.Region, new() { Name = "Différences de la version 2 à la version 3" });
        await Expect(diff).ToContainTextAsync("Ajouté : Information de l'ASE (informer-ase, PartnerTask, étape decision)");
        await Expect(diff).ToContainTextAsync("Évaluation (délai de traitement) : 10 jours, jours calendaires → 20 jours, jours calendaires");
        await Expect(diff).ToContainTextAsync("paramètre « partner » : juge-des-enfants → parquet-difaje");
        await Expect(diff).ToContainTextAsync("Ajouté : evaluer — issue « sans-danger » → informer-ase");
        await Expect(diff).ToContainTextAsync("Supprimé : evaluer — issue « sans-danger » → fin");
        await Expect(diff).ToContainTextAsync("Ajouté : ase-93");
        await Axe.AssertAccessibleAsync(page, output);

        var migration = page.GetByRole(AriaRole.Region, new() { Name = "Migrer les dossiers en cours" });
        await migration.GetByLabel("Dossiers de la version").SelectOptionAsync("2");
        await migration.GetByLabel("Vers la version").SelectOptionAsync("3");
        // The file waits on the CRIP's evaluation: the server's default sends it to the same activity of v3.
        await Expect(migration.GetByLabel("Cible de « Évaluation »")).ToHaveValueAsync("evaluer");
        await migration.GetByRole(AriaRole.Button, new() { Name = "Simulation" }).ClickAsync();

        var simulated = migration.GetByRole(AriaRole.Article, new() { Name = $"Dossier {fileId}" });
        await Expect(simulated).ToContainTextAsync("Serait migré");
        var token = simulated.GetByRole(AriaRole.Row).Filter(new() { HasText = "evaluer → evaluer" });
        await Expect(token).ToContainTextAsync("Délai recalculé");
        await Expect(token).ToContainTextAsync("crip-93");
        await Axe.AssertAccessibleAsync(page, output);

        await migration.GetByRole(AriaRole.Button, new() { Name = "Appliquer la migration" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Appliquer la migration ?" });
        await Expect(dialog).ToContainTextAsync("1 dossier(s) passeront de la version 2 à la version 3");
        await Axe.AssertAccessibleAsync(page, output);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirmer la migration" }).ClickAsync();

        var report = migration.GetByRole(AriaRole.Region, new() { Name = "Migration appliquée de la version 2 à la version 3" });
        await Expect(report.GetByRole(AriaRole.Article, new() { Name = $"Dossier {fileId}" })).ToContainTextAsync("Migré");
        await Expect(RunningFiles(page, 3)).ToHaveTextAsync("1");
        await Expect(RunningFiles(page, 2)).ToHaveTextAsync("0");
        await Axe.AssertAccessibleAsync(page, output);

        using var coordinator = await VersionedPathway.SignedInClientAsync(rig.Host.BaseAddress, "coordinatrice");
        var file = await coordinator.GetFromJsonAsync<JsonElement>($"/api/files/{fileId}");
        Assert.Equal(3, file.GetProperty("version").GetInt32());

        var filePage = await rig.SignedInAsync("Camille Martin", $"/dossiers/{fileId}");
        await Expect(filePage.GetByRole(AriaRole.Region, new() { Name = "Chronologie" }))
            .ToContainTextAsync("Dossier passé de la version 2 à la version 3 du parcours par Julien Moreau");
    }

    [Fact]
    public async Task A_version_exports_as_its_document_an_import_becomes_a_draft_and_a_refused_publication_lists_the_errors()
    {
        const string id = "parcours-importe";
        using var api = await VersionedPathway.SignedInClientAsync(rig.Host.BaseAddress, "pilote");
        await new VersionedPathway(api, id).PublishAsync(VersionedPathway.Document(id, "P5D"));
        var page = await rig.SignedInAsync(Owner, $"/conception/{id}/versions");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            VersionRow(page, 1).GetByRole(AriaRole.Button, new() { Name = "Exporter en JSON la version 1" }).ClickAsync());
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()))!;
        Assert.Equal(id, exported["id"]!.GetValue<string>());
        Assert.Equal(1, exported["version"]!.GetValue<int>());

        var file = page.GetByLabel("Fichier JSON de la définition");
        await file.SetInputFilesAsync(new FilePayload { Name = "cassé.json", MimeType = "application/json", Buffer = "{ pas du json"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer comme brouillon" }).ClickAsync();
        await Expect(file).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Ce fichier n’est pas du JSON lisible.")).ToBeVisibleAsync();

        // The exported document with an activity nothing leads to: readable, so saved as a draft, but not publishable.
        exported["activities"]!.AsArray().Add(new JsonObject { ["id"] = "fin-isolee", ["type"] = "End", ["displayName"] = "Fin isolée" });
        await file.SetInputFilesAsync(new FilePayload { Name = "v2.json", MimeType = "application/json", Buffer = JsonSerializer.SerializeToUtf8Bytes(exported) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer comme brouillon" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Brouillon v2 importé." })).ToBeVisibleAsync();
        await Expect(VersionRow(page, 2)).ToContainTextAsync("Brouillon");

        await VersionRow(page, 2).GetByRole(AriaRole.Button, new() { Name = "Publier la version 2" }).ClickAsync();
        var refusal = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Publication de la version 2 refusée" });
        await Expect(refusal).ToContainTextAsync(new Regex(@"/activities/4 : Activity 'fin-isolee' cannot be reached from the start\."));
        await Expect(VersionRow(page, 2)).ToContainTextAsync("Brouillon");
        await Axe.AssertAccessibleAsync(page, output);

        await VersionRow(page, 1).GetByRole(AriaRole.Button, new() { Name = "Nouveau brouillon à partir de la version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Brouillon v3 créé à partir de la version 1." })).ToBeVisibleAsync();
        await VersionRow(page, 3).GetByRole(AriaRole.Button, new() { Name = "Publier la version 3" }).ClickAsync();
        await Expect(VersionRow(page, 3)).ToContainTextAsync("Publiée");
        await VersionRow(page, 1).GetByRole(AriaRole.Button, new() { Name = "Retirer la version 1" }).ClickAsync();
        await Expect(VersionRow(page, 1)).ToContainTextAsync("Retirée");
    }

    [Fact]
    public async Task The_dry_run_follows_the_owners_mapping_a_reissued_task_and_a_file_left_without_target_with_its_reason()
    {
        const string id = "parcours-a-reorienter";
        const string fileId = "2026-VER002";
        using var api = await VersionedPathway.SignedInClientAsync(rig.Host.BaseAddress, "pilote");
        var pathway = new VersionedPathway(api, id);
        await pathway.PublishAsync(VersionedPathway.Document(id, "P10D"));
        await rig.Host.OpenFileAsync(id, fileId);
        await pathway.PublishAsync(VersionedPathway.Document(id, "P10D", informAse: true));

        var page = await rig.SignedInAsync(Owner, $"/conception/{id}/versions");
        var migration = page.GetByRole(AriaRole.Region, new() { Name = "Migrer les dossiers en cours" });
        var target = migration.GetByLabel("Cible de « Évaluation »");

        // Sent to the ASE's task instead: the CRIP's task is withdrawn and the ASE's issued.
        await target.SelectOptionAsync("informer-ase");
        await migration.GetByRole(AriaRole.Button, new() { Name = "Simulation" }).ClickAsync();
        var token = migration.GetByRole(AriaRole.Article, new() { Name = $"Dossier {fileId}" })
            .GetByRole(AriaRole.Row).Filter(new() { HasText = "evaluer → informer-ase" });
        await Expect(token).ToContainTextAsync("Réémise");
        await Expect(token.GetByRole(AriaRole.Cell).Nth(2)).ToContainTextAsync("crip-93");
        await Expect(token.GetByRole(AriaRole.Cell).Nth(3)).ToContainTextAsync("ase-93");

        // Changing the mapping discards the simulation: what is applied is always what was simulated.
        await target.SelectOptionAsync("");
        await Expect(migration.GetByRole(AriaRole.Button, new() { Name = "Appliquer la migration" })).ToBeDisabledAsync();
        await migration.GetByRole(AriaRole.Button, new() { Name = "Simulation" }).ClickAsync();
        var stays = migration.GetByRole(AriaRole.Article, new() { Name = $"Dossier {fileId}" });
        await Expect(stays).ToContainTextAsync("Reste sur la version actuelle");
        await Expect(stays).ToContainTextAsync("no activity of v2 is mapped for the token waiting at 'evaluer'");
        await Axe.AssertAccessibleAsync(page, output);

        // The coordinator reads the versions and their diff, and changes nothing.
        var coordinator = await rig.SignedInAsync("Camille Martin", $"/conception/{id}/versions");
        await Expect(RunningFiles(coordinator, 1)).ToHaveTextAsync("1");
        await Expect(coordinator.GetByRole(AriaRole.Button, new() { Name = "Comparer" })).ToBeVisibleAsync();
        await Expect(coordinator.GetByRole(AriaRole.Button, new() { Name = "Nouveau brouillon à partir de la version 1" })).ToHaveCountAsync(0);
        await Expect(coordinator.GetByRole(AriaRole.Region, new() { Name = "Migrer les dossiers en cours" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(coordinator, output);
    }
}
