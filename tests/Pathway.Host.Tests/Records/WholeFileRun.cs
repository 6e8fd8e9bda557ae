using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Pathway.Host.Tests.Records;

/// <summary>
/// A whole file, as people and partners run it — intake, a refused intake, partners' answers (one refused), reads by
/// the coordination and by partners, a note —, and every piece of personal data it carries: what scans of logs and
/// telemetry look for.
/// </summary>
internal static class WholeFileRun
{
    public const string Note = "La mère de Zélindra signale un nouveau contact avec le réseau, gare de Noisy-Quartzite.";

    /// <summary>The minor's names, birth date and address, the facts, the reporter and the note, as typed and as shown.</summary>
    public static string[] PersonalData
    {
        get
        {
            var birth = DateOnly.Parse(Intakes.BirthDate, CultureInfo.InvariantCulture);
            return
            [
                Intakes.GivenName, Intakes.FamilyName, "Marchetti", "Oyelaran", Intakes.Address, "Tilleuls-Pourpres", Intakes.BirthDate,
                birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), Intakes.Date(birth.AddYears(18)), Intakes.Facts, "Aulnay-Quartzite", Intakes.ReporterName,
                "Vilmorin", Intakes.ReporterEmail, Intakes.ReporterPhone, Intakes.ReporterOrganisation, Note, "Noisy-Quartzite",
            ];
        }
    }

    /// <summary>Runs the file to its end; returns its id.</summary>
    public static async Task<string> RunAsync(WebApplicationFactory<Program> run)
    {
        var desk = await run.SignInAsync("accueil");
        var refused = Intakes.Valid(birthDate: "2011-02-30");
        refused["reporter"]!["email"] = Intakes.GivenName + " chez " + Intakes.FamilyName;
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.PostAsJsonAsync("/api/intake", refused)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.PostAsync("/api/intake",
            new StringContent($"{{ \"minor\": {{ \"givenName\": \"{Intakes.GivenName}\" ", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var fileId = await Intakes.OpenFileAsync(desk);

        var coordinator = await run.SignInAsync("coordinatrice");
        await coordinator.GetJsonAsync("/api/files?overdue=false");
        await coordinator.GetJsonAsync($"/api/files/{fileId}");
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = Note })).StatusCode);

        // The coordination partner makes contact; the CRIP tells the reporter, evaluates, and closes without follow-up.
        await run.AnswerAsync("amicale-du-nid-93", await run.OpenTaskAsync("amicale-du-nid-93", fileId), "accepted");
        await run.CompleteAsync("amicale-du-nid-93", fileId, "contact-pris");
        await run.CompleteAsync("crip-93", fileId, "emetteur-informe", "retour-emetteur");
        var evaluation = await run.OpenTaskAsync("crip-93", fileId, "evaluation-crip");
        await run.AnswerAsync("crip-93", evaluation, "accepted");
        // Refused (no such outcome, and a name typed into it): it goes to the error queue with a reason that names the
        // field, never what was typed; the file is untouched.
        await run.SendAnswerAsync("crip-93", new PartnerAnswers.PartnerAnswer(evaluation, "completed", "placement " + Intakes.FamilyName,
            Data: new System.Text.Json.Nodes.JsonObject { ["commentaire"] = Intakes.Facts }));
        var crip = await run.SignInAsync("partenaire-crip-93");
        await crip.GetJsonAsync($"/api/files/{fileId}");
        await crip.GetJsonAsync($"/api/files/{fileId}/timeline");
        await run.AnswerAsync("crip-93", evaluation, "completed", "sans-suite");

        await coordinator.GetJsonAsync($"/api/files/{fileId}");
        await coordinator.GetJsonAsync($"/api/files/{fileId}/timeline");
        await (await run.SignInAsync("inspectrice")).GetJsonAsync($"/api/files/{fileId}");
        return fileId;
    }
}
