using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Records;

/// <summary>
/// One file, as each role may see it: the coordination sees it whole; a partner sees its own tasks and the identity
/// fields they declare, nothing else; every answer that carries personal data is in the access journal.
/// </summary>
public sealed class FileDetailTests
{
    private static async Task<(PathwayRun Run, string FileId)> FileAtParquetAsync(TestFolder folder)
    {
        var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        await run.CompleteAsync("crip-93", fileId, "danger");
        return (run, fileId);
    }

    private static Task<List<(string Actor, string What)>> AccessesAsync(PathwayRun run, string fileId) =>
        run.QueryAsync(c => c.AccessJournal.Where(a => a.FileId == fileId).OrderBy(a => a.Id)
            .Select(a => ValueTuple.Create(a.Actor, a.What)).ToListAsync());

    [Fact]
    public async Task The_coordinator_sees_identity_intake_tasks_and_the_read_is_journaled()
    {
        using var folder = ShortPathway.Folder();
        var (run, fileId) = await FileAtParquetAsync(folder);
        await using var _ = run;
        var coordinator = await run.ClientAsAsync("coordinatrice");

        var file = await coordinator.GetJsonAsync($"/api/files/{fileId}");

        Assert.True(file.GetProperty("identityVisible").GetBoolean());
        var identity = file.GetProperty("identity");
        Assert.Equal((Intakes.GivenName, Intakes.FamilyName, Intakes.BirthDate, Intakes.Address),
            (identity.Text("givenName"), identity.Text("familyName"), identity.Text("birthDate"), identity.Text("address")));
        var intake = file.GetProperty("intake");
        Assert.Equal(("information-preoccupante", "eleve", Intakes.Facts), (intake.Text("origin"), intake.Text("dangerLevel"), intake.Text("facts")));
        Assert.Equal(Intakes.ReporterName, intake.GetProperty("reporter").Text("name"));
        var tasks = file.GetProperty("tasks").EnumerateArray().ToList();
        Assert.Equal(["crip-93", "parquet-difaje"], tasks.Select(t => t.GetProperty("partner").Text("id")));
        Assert.Equal(["closed", "open"], tasks.Select(t => t.Text("status")));
        Assert.Equal("CASF D226-2-4", tasks[0].Text("legalBasis"));
        Assert.Equal("Décider des suites", tasks[1].Text("title"));
        Assert.Equal([("user:coordinatrice", "identity"), ("user:coordinatrice", "intake")],
            (await AccessesAsync(run, fileId)).Where(a => a.Actor == "user:coordinatrice"));
    }

    [Fact]
    public async Task The_inspector_sees_the_identity_too()
    {
        using var folder = ShortPathway.Folder();
        var (run, fileId) = await FileAtParquetAsync(folder);
        await using var _ = run;

        var file = await (await run.ClientAsAsync("inspectrice")).GetJsonAsync($"/api/files/{fileId}");

        Assert.Equal(Intakes.FamilyName, file.GetProperty("identity").Text("familyName"));
        Assert.Contains(("user:inspectrice", "identity"), await AccessesAsync(run, fileId));
    }

    [Fact]
    public async Task A_partner_sees_only_the_identity_fields_its_tasks_declare_and_only_its_own_tasks()
    {
        using var folder = ShortPathway.Folder();
        var (run, fileId) = await FileAtParquetAsync(folder);
        await using var _ = run;

        var crip = await (await run.ClientAsAsync("partenaire-crip-93")).GetJsonAsync($"/api/files/{fileId}");
        var parquet = await (await run.ClientAsAsync("partenaire-parquet-difaje")).GetJsonAsync($"/api/files/{fileId}");

        // The CRIP's task declares prenom; the parquet's prenom, nom and dateNaissance. Neither declares an address.
        var cripIdentity = crip.GetProperty("identity");
        Assert.Equal(Intakes.GivenName, cripIdentity.Text("givenName"));
        Assert.True(cripIdentity.IsAbsent("familyName"));
        Assert.True(cripIdentity.IsAbsent("birthDate"));
        var parquetIdentity = parquet.GetProperty("identity");
        Assert.Equal((Intakes.GivenName, Intakes.FamilyName, Intakes.BirthDate),
            (parquetIdentity.Text("givenName"), parquetIdentity.Text("familyName"), parquetIdentity.Text("birthDate")));
        Assert.True(parquetIdentity.IsAbsent("address"));
        foreach (var seen in new[] { crip, parquet })
        {
            Assert.True(seen.IsAbsent("intake"));
            Assert.Empty(seen.GetProperty("notes").EnumerateArray());
            Assert.Empty(seen.GetProperty("escalations").EnumerateArray());
            Assert.DoesNotContain(Intakes.Address, seen.GetRawText());
            Assert.DoesNotContain(Intakes.ReporterName, seen.GetRawText());
        }

        Assert.Equal(["crip-93"], crip.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("partner").Text("id")));
        Assert.Equal(["parquet-difaje"], parquet.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("partner").Text("id")));
        var accesses = await AccessesAsync(run, fileId);
        Assert.Contains(("crip-93", "identity"), accesses.Select(a => (a.Actor.Replace("user:partenaire-", ""), a.What)));
        Assert.Contains(("parquet-difaje", "identity"), accesses.Select(a => (a.Actor.Replace("user:partenaire-", ""), a.What)));
    }

    [Fact]
    public async Task A_partner_without_a_task_on_the_file_is_told_it_does_not_exist()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        var parquet = await run.ClientAsAsync("partenaire-parquet-difaje");

        var detail = await parquet.GetAsync($"/api/files/{fileId}");
        var timeline = await parquet.GetAsync($"/api/files/{fileId}/timeline");
        var unknown = await parquet.GetAsync("/api/files/2026-NOTAFILE");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (detail.StatusCode, timeline.StatusCode, unknown.StatusCode));
        Assert.Equal((await unknown.Content.ReadAsStringAsync()).Length, (await detail.Content.ReadAsStringAsync()).Length);
        Assert.Empty(await AccessesAsync(run, fileId));
    }

    [Theory]
    [InlineData("observatoire")]
    [InlineData("accueil")]
    public async Task The_observatory_and_the_intake_desk_may_not_read_files(string user)
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var fileId = await Intakes.OpenFileAsync(await run.ClientAsAsync("accueil"));
        var client = await run.ClientAsAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/files/{fileId}/timeline")).StatusCode);
    }

    [Fact]
    public async Task A_note_is_kept_with_its_author_and_shown_to_the_coordination_only()
    {
        using var folder = ShortPathway.Folder();
        var (run, fileId) = await FileAtParquetAsync(folder);
        await using var _ = run;
        var coordinator = await run.ClientAsAsync("coordinatrice");
        const string text = "Entretien téléphonique avec la mère : elle accepte un rendez-vous mardi.";

        var added = await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var note = Assert.Single((await (await run.ClientAsAsync("inspectrice")).GetJsonAsync($"/api/files/{fileId}")).GetProperty("notes").EnumerateArray());
        Assert.Equal(("Camille Martin", text), (note.Text("author"), note.Text("text")));
        Assert.Contains(("user:inspectrice", "notes"), await AccessesAsync(run, fileId));
        var stored = await run.QueryAsync(c => c.FileNotes.SingleAsync(n => n.FileId == fileId));
        Assert.Equal("user:coordinatrice", stored.Author);
        var parquet = await (await run.ClientAsAsync("partenaire-parquet-difaje")).GetJsonAsync($"/api/files/{fileId}");
        Assert.DoesNotContain(text, parquet.GetRawText());
    }

    [Fact]
    public async Task Notes_are_refused_when_empty_too_long_reordered_by_a_bidirectional_override_on_an_unknown_file_or_from_a_partner()
    {
        using var folder = ShortPathway.Folder();
        var (run, fileId) = await FileAtParquetAsync(folder);
        await using var _ = run;
        var coordinator = await run.ClientAsAsync("coordinatrice");

        var empty = await Intakes.ErrorsAsync(await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = "  " }));
        var tooLong = await Intakes.ErrorsAsync(await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = new string('n', 5001) }));
        var reordered = await Intakes.ErrorsAsync(await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = "Vue le \u202E31/21\u202C au square" }));
        var unknown = await coordinator.PostAsJsonAsync("/api/files/2026-NOTAFILE/notes", new { text = "Note" });
        var partner = await (await run.ClientAsAsync("partenaire-parquet-difaje")).PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = "Note" });

        Assert.Equal(["Ce champ est obligatoire."], empty["text"]);
        Assert.Equal(["Ce champ ne peut pas dépasser 5000 caractères."], tooLong["text"]);
        Assert.Equal(["Caractère invisible ou de contrôle non permis."], reordered["text"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partner.StatusCode);
        Assert.Empty(await run.QueryAsync(c => c.FileNotes.ToListAsync()));
    }
}
