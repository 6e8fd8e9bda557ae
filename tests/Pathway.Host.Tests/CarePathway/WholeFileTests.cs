using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.CarePathway;

/// <summary>
/// A whole file of the departmental plan (definitions/minor-protection-pathway/v2.json), from the information
/// préoccupante to closure, every partner played by a script that speaks only the documented JSON over AMQP.
/// </summary>
[Collection(CarePathwayCollection.Name)]
public sealed class WholeFileTests
{
    /// <summary>What each partner answers to each task, by partner and title (docs/pathway.md).</summary>
    private static readonly Dictionary<(string Partner, string Title), string> Script = new()
    {
        [("amicale-du-nid-93", "Prendre contact avec les partenaires du dossier")] = "contact-pris",
        [("crip-93", "Évaluer la situation du mineur (information préoccupante)")] = "transmission-parquet",
        [("crip-93", "Informer le professionnel à l'origine de l'information des suites données")] = "emetteur-informe",
        [("parquet-difaje", "Décider des suites à donner au signalement")] = "saisine-juge",
        [("juge-des-enfants", "Examiner la requête du parquet")] = "mesures-provisoires",
        [("juge-des-enfants", "Convoquer les parties à l'audience")] = "parties-convoquees",
        [("juge-des-enfants", "Entendre les parties et statuer sur le placement provisoire")] = "placement-maintenu",
        [("juge-des-enfants", "Statuer au fond")] = "aemo",
        [("juge-des-enfants", "Notifier la décision au fond aux parties")] = "decision-notifiee",
        [("parquet-difaje", "Indiquer si le parquet fait appel de la décision au fond")] = "pas-d-appel",
        [("ase-93", "Confier la mesure à un service d'AEMO spécifique")] = "sauvegarde-93",
        [("sauvegarde-93", "Exercer la mesure d'AEMO spécifique")] = "mesure-engagee",
        [("ase-93", "Établir le projet pour l'enfant (PPE)")] = "ppe-etabli",
        [("ase-93", "Adresser au juge des enfants le rapport de situation")] = "rapport-transmis",
        [("consultation-psychotrauma", "Proposer au mineur une prise en charge en psychotraumatologie")] = "prise-en-charge",
        [("asteriia", "Reprendre contact avec le mineur en fugue")] = "retour",
        [("ase-93", "Mener l'entretien de retour de fugue")] = "entretien-realise",
        [("juge-des-enfants", "Statuer à l'échéance de la mesure")] = "fin-de-mesure",
    };

    private const string EndOfMeasure = "Statuer à l'échéance de la mesure";
    private const string ReturnInterview = "Mener l'entretien de retour de fugue";

    [Fact]
    public async Task A_whole_v2_file_runs_from_the_information_preoccupante_to_closure_with_a_runaway_during_the_measure()
    {
        await using var rig = await CarePathwayRig.StartAsync([], startHost: false);
        CopyProtocolDefinitions(rig);
        rig.StartHost();
        var inbox = new BlockingCollection<(PartnerClient Partner, PartnerClient.Received Message)>();
        var partners = new Dictionary<string, PartnerClient>();
        foreach (var partner in rig.Partners.All) partners[partner.Id] = await rig.ConnectAsync(partner.Id, inbox);

        await rig.OpenFileAsync("minor-protection-pathway", "dossier-v2",
            ("origine", "information-preoccupante"), ("emetteur", "Collège Jean Jaurès"), ("prenom", "Lina"), ("nom", "Martin"),
            ("dateNaissance", "2011-03-02"), ("dateMajorite", "2029-03-02"));

        var answered = new List<string>();
        PartnerClient.Received? endOfMeasure = null;
        var ranAway = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await ClosedAsync(rig))
        {
            Assert.True(DateTime.UtcNow < deadline, "The file did not reach closure; answered so far: " + string.Join(" → ", answered));
            if (!inbox.TryTake(out var item, TimeSpan.FromMilliseconds(200))) continue;
            var (partner, message) = item;
            if (message.Type != "task.assigned") continue;
            var title = message.Body["title"]!.GetValue<string>();
            Assert.True(Script.TryGetValue((partner.PartnerId, title), out var outcome), $"No script for {partner.PartnerId}: « {title} ».");
            if (title == EndOfMeasure && !ranAway)
            {
                // The measure's end waits: first the minor runs away, as the service running the measure declares.
                endOfMeasure = message;
                await DeclareRunawayAsync(rig, partners["sauvegarde-93"]);
                ranAway = true;
                continue;
            }

            // Acknowledged, then done once the acknowledgement is applied, as a service works: sent together, the two
            // may be applied in either order, and an accepted applied after the completed is refused.
            var accepted = await partner.AnswerAsync(message, "accepted");
            await PartnerMessagingTests.WaitUntilAsync(() => rig.QueryAsync(c => c.AppliedStimuli.AnyAsync(a => a.StimulusId == "answer:" + accepted)));
            await partner.AnswerAsync(message, "completed", outcome);
            answered.Add(title);
            if (title == ReturnInterview && endOfMeasure is not null)
            {
                await partners["juge-des-enfants"].AnswerAsync(endOfMeasure, "completed", Script[("juge-des-enfants", EndOfMeasure)]);
                answered.Add(EndOfMeasure);
            }
        }

        Assert.True(ranAway, "The measure ended without the runaway episode.");
        Assert.Equal(EndOfMeasure, answered[^1]);
        Assert.Contains("Reprendre contact avec le mineur en fugue", answered);
        // The parquet was told of the runaway; the coordinator was informed at every stage the file went through.
        Assert.Contains(partners["parquet-difaje"].All, m => m.Type == "information" && m.Body["stage"]?.GetValue<string>() == "fugue");
        var coordinator = partners["amicale-du-nid-93"];
        await PartnerMessagingTests.WaitUntilAsync(() => Task.FromResult(
            coordinator.All.Any(m => m.Type == "information" && m.Body["stage"]?.GetValue<string>() == "cloture")));
        var informed = coordinator.All.Where(m => m.Type == "information").Select(m => m.Body["stage"]?.GetValue<string>()).ToHashSet();
        Assert.Subset(informed, new HashSet<string?> { "ouverture", "evaluation", "parquet", "juge-des-enfants", "mesures", "suivi", "fugue", "cloture" });
        // Nothing was refused on the way, but an answer to a task the pathway withdrew meanwhile (the end of the measure
        // withdraws the follow-up tasks still open): its partner is told, with a task.withdrawn.
        foreach (var (body, reason) in await rig.ErrorQueueAsync(expected: 1, within: TimeSpan.FromSeconds(1)))
        {
            var taskId = JsonNode.Parse(body)!["taskId"]!.GetValue<string>();
            Assert.True(reason == "the task is already closed", $"An answer to task {taskId} was refused: {reason}");
            var told = await Record.ExceptionAsync(() => PartnerMessagingTests.WaitUntilAsync(() => Task.FromResult(partners.Values.Any(p =>
                p.All.Any(m => m.Type == "task.withdrawn" && m.Body["taskId"]?.GetValue<string>() == taskId)))));
            Assert.True(told is null, $"An answer to task {taskId} was refused as closed, but the task was never withdrawn.");
        }
    }

    /// <summary>The AEMO service declares the runaway, naming its (closed) task on the file, once the file waits for it.</summary>
    private static async Task DeclareRunawayAsync(CarePathwayRig rig, PartnerClient service)
    {
        await PartnerMessagingTests.WaitUntilAsync(() => rig.QueryAsync(c => c.Bookmarks.AnyAsync(b => b.EventName == "fugue-declaree")));
        var measure = service.All.Single(m => m.Type == "task.assigned");
        await service.SendAsync(new JsonObject
        {
            ["taskId"] = measure.Body["taskId"]!.GetValue<string>(), ["event"] = "fugue-declaree",
            ["data"] = new JsonObject { ["dateFugue"] = "2026-11-06" },
        });
    }

    private static Task<bool> ClosedAsync(CarePathwayRig rig) =>
        rig.QueryAsync(c => c.Files.AnyAsync(f => f.Id == "dossier-v2" && f.Status != "running"));

    private static void CopyProtocolDefinitions(CarePathwayRig rig)
    {
        var folder = Path.Combine(rig.Folder.Definitions, "minor-protection-pathway");
        Directory.CreateDirectory(folder);
        foreach (var version in new[] { "v1.json", "v2.json" })
            File.Copy(RepositoryFile.Path(Path.Combine("definitions", "minor-protection-pathway", version)), Path.Combine(folder, version));
    }
}
