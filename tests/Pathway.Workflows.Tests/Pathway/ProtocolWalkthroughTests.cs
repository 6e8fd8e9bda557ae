using Pathway.Activities.Contracts;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Pathway;

/// <summary>Version 1, the July 2020 protocol, walked from opening to closure.</summary>
public sealed class ProtocolWalkthroughTests
{
    [Fact]
    public void An_information_preoccupante_goes_through_evaluation_parquet_judge_placement_and_follow_up_to_closure()
    {
        var file = Walkthroughs.V1InformationPreoccupanteOppPlacement();

        Assert.Equal(["ouverture", "evaluation", "parquet", "juge-des-enfants", "mesures", "suivi", "cloture"], file.StagesVisited);
        Assert.Equal(FileStatus.Completed, file.Status);
        Assert.Equal("fin-de-mesure", file.Text("motifCloture"));
        Assert.Equal("placement", file.Text("mesure"));
    }

    [Fact]
    public void After_an_OPP_the_parquet_is_asked_to_refer_to_the_judge_within_8_days_under_C_civ_375_5()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("information-preoccupante"));
        file.Complete("evaluation-crip", "transmission-parquet").Complete("decision-parquet", "opp");

        Assert.Equal(
            ["accueil-urgence-cdef@cdef-93", "contact-coordination@amicale-du-nid-93", "retour-emetteur@crip-93",
             "saisine-juge-apres-opp@parquet-difaje"],
            file.OpenTasks);
        var referral = file.Assigned("saisine-juge-apres-opp");
        Assert.Equal("C. civ. 375-5", referral["legalBasis"]!.GetValue<string>());
        // OPP on Friday 10 July 2026: day 8 is a Saturday, so the period runs to Monday 20 July (CPC 642).
        Assert.Equal("jusqu'au lundi 20 juillet 2026 inclus", referral["dueText"]!.GetValue<string>());
        Assert.Equal("parquet", referral["stage"]!.GetValue<string>());
    }

    [Fact]
    public void The_judge_hears_the_parties_within_15_days_and_summons_them_by_the_7th_day()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("signalement"));
        file.Complete("decision-parquet", "opp").Complete("saisine-juge-apres-opp", "juge-saisi");

        var hearing = file.Assigned("audience-placement");
        var summons = file.Assigned("convocation-parties");
        Assert.Equal("CPC 1184", hearing["legalBasis"]!.GetValue<string>());
        // Referred on Friday 10 July 2026: day 15 is a Saturday, so the hearing may be held until Monday 27 July.
        Assert.Equal("jusqu'au lundi 27 juillet 2026 inclus", hearing["dueText"]!.GetValue<string>());
        Assert.Equal("CPC 1188", summons["legalBasis"]!.GetValue<string>());
        Assert.Equal("jusqu'au vendredi 17 juillet 2026 inclus", summons["dueText"]!.GetValue<string>());
    }

    [Fact]
    public void A_signalement_skips_the_evaluation_and_a_reinforced_AEMO_is_renewed_once_then_ended()
    {
        var file = Walkthroughs.V1SignalementReinforcedAemoRenewed();

        Assert.Equal(["ouverture", "parquet", "juge-des-enfants", "mesures", "suivi", "cloture"], file.StagesVisited);
        Assert.Equal(FileStatus.Completed, file.Status);
        Assert.Equal(2, file.MessagesOfKind(MessageTypes.TaskAssigned).Count(m => m.Node.Id == "echeance-aemo-renforcee"));
        Assert.Equal("C. civ. 375-2", file.Assigned("echeance-aemo-renforcee")["legalBasis"]!.GetValue<string>());
        // The measure ended before the second yearly report was due: that request was withdrawn.
        Assert.Contains("rapport-annuel", file.Withdrawn);
        Assert.Single(file.MessagesOfKind(MessageTypes.TaskWithdrawn), m => m.Destination == "ase-93");
    }

    [Fact]
    public void A_file_the_CRIP_closes_without_follow_up_ends_once_the_reporting_professional_is_told()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("information-preoccupante"));
        file.Complete("contact-coordination", "contact-pris").Complete("evaluation-crip", "sans-suite");

        Assert.Equal(FileStatus.Running, file.Status);
        Assert.Equal(["retour-emetteur@crip-93"], file.OpenTasks);
        Assert.Equal("CASF L226-5", file.Assigned("retour-emetteur")["legalBasis"]!.GetValue<string>());

        file.Complete("retour-emetteur", "emetteur-informe");

        Assert.Equal(["ouverture", "evaluation", "cloture"], file.StagesVisited);
        Assert.Equal(FileStatus.Completed, file.Status);
        Assert.Equal("sans-suite", file.Text("motifCloture"));
    }

    [Fact]
    public void The_coordinator_is_informed_at_every_stage_the_file_goes_through()
    {
        var file = Walkthroughs.V1InformationPreoccupanteOppPlacement();

        var informed = file.MessagesOfKind(MessageTypes.Information).Where(m => m.Destination == PathwayDefinitions.Coordination)
            .Select(m => m.Effect.Payload["stage"]!.GetValue<string>()).Distinct();
        Assert.Equal(file.StagesVisited, informed);
    }

    [Fact]
    public void A_partner_that_lets_a_legal_deadline_pass_is_escalated_to_the_coordinator_then_to_the_ASE_inspection()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("signalement"));
        file.Complete("decision-parquet", "opp");

        file.FireTimer("saisine-juge-apres-opp", "deadline");
        var raised = Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.EscalationRaised);
        Assert.Equal("role:coordination", raised.Destination);
        Assert.Equal("C. civ. 375-5", raised.Payload["about"]!["legalBasis"]!.GetValue<string>());

        file.FireTimer("saisine-juge-apres-opp", "escalation-rise");
        var rose = Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.EscalationRaised);
        Assert.Equal("role:inspection", rose.Destination);
        Assert.Equal(2, rose.Payload["level"]!.GetValue<int>());

        file.Complete("saisine-juge-apres-opp", "juge-saisi");
        Assert.Equal(2, file.Last.Effects.Count(e => e.Kind == MessageTypes.EscalationClosed));
        Assert.Contains("audience-placement@juge-des-enfants", file.OpenTasks);
    }

    [Fact]
    public void A_declined_task_alerts_the_coordinator_and_is_asked_again_once_the_alert_is_resolved()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("information-preoccupante"));

        file.Decline("evaluation-crip", "Dossier relevant d'un autre département.");
        Assert.Equal(["alerte-evaluation-crip", "contact-coordination", "retour-emetteur"], file.Waiting);
        Assert.Single(file.Last.Effects, e => e.Kind == MessageTypes.EscalationRaised && e.Destination == "role:coordination");

        file.ResolveEscalation("alerte-evaluation-crip");
        Assert.Contains("evaluation-crip@crip-93", file.OpenTasks);
    }
}
