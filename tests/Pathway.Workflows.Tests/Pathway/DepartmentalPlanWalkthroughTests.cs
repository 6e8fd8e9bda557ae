using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities.Contracts;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Pathway;

/// <summary>Version 2, the Département's later plan: specific AEMO, specialised reception, psycho-trauma, runaways.</summary>
public sealed class DepartmentalPlanWalkthroughTests
{
    [Fact]
    public void An_urgent_placement_reaches_a_specialised_home_after_the_one_far_away_has_no_room_and_the_file_closes()
    {
        var file = Walkthroughs.V2UrgentPlacementSpecialisedReception();

        Assert.Equal(["ouverture", "evaluation", "parquet", "juge-des-enfants", "mesures", "fugue", "suivi", "cloture"], file.StagesVisited);
        Assert.Equal(FileStatus.Completed, file.Status);
        Assert.Equal("fin-de-mesure", file.Text("motifCloture"));
        Assert.Equal(2, file.MessagesOfKind(MessageTypes.TaskAssigned).Count(m => m.Node.Id == "orientation-accueil"));
        // The runaway watch ended with the measures: its wait for a runaway and for majority were withdrawn.
        Assert.Contains("fugue-declaree", file.Withdrawn);
        Assert.Contains("majorite-atteinte", file.Withdrawn);
    }

    [Fact]
    public void A_specific_AEMO_goes_to_the_association_the_ASE_chooses_and_another_one_when_it_has_no_room()
    {
        var file = PathwayFile.Start(2, PathwayFile.Minor("signalement", ("dateMajorite", "2029-03-14")));
        file.Complete("decision-parquet", "saisine-juge").Complete("examen-requete", "mesures-provisoires")
            .Complete("decision-fond", "aemo");

        var orientation = file.Assigned("orientation-aemo");
        Assert.Equal(["sauvegarde-93", "avvej", "jean-cotxet", "croix-rouge"], orientation["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));

        file.Complete("orientation-aemo", "sauvegarde-93").Decline("aemo-sauvegarde-93", "Service complet.");
        Assert.Contains("orientation-aemo@ase-93", file.OpenTasks);

        file.Complete("orientation-aemo", "croix-rouge");
        Assert.Equal("Exercer la mesure d'AEMO spécifique", file.Assigned("aemo-croix-rouge")["title"]!.GetValue<string>());
        file.Complete("aemo-croix-rouge", "mesure-engagee");
        Assert.Equal(
            ["consultation-psychotrauma@consultation-psychotrauma", "contact-coordination@amicale-du-nid-93",
             "echeance-mesure@juge-des-enfants", "notification-decision@juge-des-enfants", "ppe@ase-93", "rapport-annuel@ase-93"],
            file.OpenTasks);
    }

    [Fact]
    public void A_runaway_during_the_measures_informs_the_parquet_asks_Astheriia_then_a_return_interview_within_72_hours()
    {
        var file = FileUnderAemo();
        var declared = new LocalDate(2026, 11, 6).At(new LocalTime(22, 30)).InZoneLeniently(Interpreter.Paris).ToInstant();
        file.Clock.Now = declared;

        file.Raise("fugue-declaree", new JsonObject { ["dateFugue"] = "2026-11-06" });

        Assert.Equal("2026-11-06", file.Text("dateFugue"));
        var parquet = Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.Information && e.Destination == "parquet-difaje");
        Assert.Equal("fugue", parquet.Payload["stage"]!.GetValue<string>());
        Assert.Equal(["dateFugue", "dateNaissance", "nom", "prenom"], parquet.Payload["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.Information && e.Destination == PathwayDefinitions.Coordination);
        var recontact = Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.TaskAssigned && e.Destination == "asteriia");
        Assert.Equal(["contact-repris", "retour"], recontact.Payload["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()).Order(StringComparer.Ordinal));

        file.Clock.Advance(Duration.FromHours(40));
        file.Complete("reprise-contact-asteriia", "retour");

        var interview = file.Assigned("entretien-retour");
        Assert.Equal("ase-93", file.TaskOf("entretien-retour").Addressee);
        Assert.Equal(file.Clock.Now.Plus(Duration.FromHours(72)), InstantOf(interview["dueAt"]));
        Assert.Null(interview["legalBasis"]);

        file.Complete("entretien-retour", "entretien-realise");
        Assert.Contains("attente-fugue", file.Journal.Where(e => e.Kind == JournalKinds.ActivityEntered && e.At == file.Clock.Now).Select(e => e.ActivityId));

        FinishMeasure(file);
        Assert.Equal(FileStatus.Completed, file.Status);
        Assert.Equal("fin-de-mesure", file.Text("motifCloture"));
    }

    [Fact]
    public void A_minor_who_comes_back_before_Astheriia_reaches_her_is_interviewed_and_Astheriias_request_is_withdrawn()
    {
        var file = FileUnderAemo();
        file.Raise("fugue-declaree", new JsonObject { ["dateFugue"] = "2026-07-10" });

        file.Raise("retour-de-fugue");

        Assert.Contains("reprise-contact-asteriia", file.Withdrawn);
        Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.TaskWithdrawn && e.Destination == "asteriia");
        Assert.Contains("entretien-retour@ase-93", file.OpenTasks);
    }

    [Fact]
    public void When_Astheriia_is_in_touch_but_the_minor_is_not_back_the_interview_waits_for_her_return()
    {
        var file = FileUnderAemo();
        file.Raise("fugue-declaree", new JsonObject { ["dateFugue"] = "2026-07-10" });
        file.Complete("reprise-contact-asteriia", "contact-repris");
        Assert.DoesNotContain(file.OpenTasks, t => t.StartsWith("entretien-retour", StringComparison.Ordinal));

        file.Raise("retour-de-fugue");

        Assert.Contains("entretien-retour@ase-93", file.OpenTasks);
    }

    [Fact]
    public void Two_runaway_episodes_in_a_row_are_each_followed_through()
    {
        var file = FileUnderAemo();

        Walkthroughs.RunAwayAndComeBack(file, new LocalDate(2026, 9, 1));
        Walkthroughs.RunAwayAndComeBack(file, new LocalDate(2026, 12, 24));

        Assert.Equal(2, file.MessagesOfKind(MessageTypes.Information).Count(m => m.Destination == "parquet-difaje" && m.Node.Id == "info-parquet-fugue"));
        Assert.Equal(2, file.MessagesOfKind(MessageTypes.TaskAssigned).Count(m => m.Node.Id == "entretien-retour"));
        Assert.Equal("2026-12-24", file.Text("dateFugue"));
        Assert.Contains("fugue-declaree", file.Waiting);
    }

    [Fact]
    public void Without_the_date_of_majority_the_ASE_is_asked_for_it_before_the_runaway_watch_starts()
    {
        var file = PathwayFile.Start(2, PathwayFile.Minor("signalement"));
        file.Complete("decision-parquet", "saisine-juge").Complete("examen-requete", "mesures-provisoires").Complete("decision-fond", "aemo");

        Assert.Contains("date-majorite@ase-93", file.OpenTasks);
        Assert.DoesNotContain("fugue-declaree", file.Waiting);

        file.Complete("date-majorite", "date-indiquee", new JsonObject { ["dateMajorite"] = "2029-03-14" });

        Assert.Contains("fugue-declaree", file.Waiting);
        var majority = file.Bookmarks("majorite-atteinte").Single();
        Assert.Equal(new LocalDate(2029, 3, 14).AtStartOfDayInZone(Interpreter.Paris).ToInstant(), majority.DueAt);
    }

    [Fact]
    public void At_majority_the_runaway_watch_ends_and_the_measure_goes_on_to_its_term()
    {
        var file = FileUnderAemo();

        file.FireTimer("majorite-atteinte", "timer");

        Assert.DoesNotContain("fugue-declaree", file.Waiting);
        Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.Information && e.Destination == PathwayDefinitions.Coordination);
        FinishMeasure(file);
        Assert.Equal(FileStatus.Completed, file.Status);
    }

    /// <summary>A v2 file whose specific AEMO has started, its follow-up and runaway watch open.</summary>
    private static PathwayFile FileUnderAemo()
    {
        var file = PathwayFile.Start(2, PathwayFile.Minor("signalement", ("dateMajorite", "2029-03-14")));
        file.Complete("contact-coordination", "contact-pris")
            .Complete("decision-parquet", "saisine-juge").Complete("examen-requete", "mesures-provisoires").Complete("decision-fond", "aemo")
            .Complete("notification-decision", "decision-notifiee").Complete("appel-parquet", "pas-d-appel")
            .Complete("orientation-aemo", "jean-cotxet").Complete("aemo-jean-cotxet", "mesure-engagee");
        Assert.Contains("fugue-declaree", file.Waiting);
        return file;
    }

    private static void FinishMeasure(PathwayFile file) =>
        file.Complete("ppe", "ppe-etabli").Complete("consultation-psychotrauma", "prise-en-charge")
            .Complete("rapport-annuel", "rapport-transmis").Complete("echeance-mesure", "fin-de-mesure");

    private static Instant InstantOf(JsonNode? text) => NodaTime.Text.InstantPattern.General.Parse(text!.GetValue<string>()).Value;
}
