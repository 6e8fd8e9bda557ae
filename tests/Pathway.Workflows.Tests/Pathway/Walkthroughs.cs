using System.Text.Json.Nodes;
using NodaTime;

namespace Pathway.Workflows.Tests.Pathway;

/// <summary>
/// Realistic files, scripted from opening to closure, as the partners would answer them. The walkthrough tests
/// assert where each one goes; the shared-information tests check every message each one sent.
/// </summary>
internal static class Walkthroughs
{
    public static readonly IReadOnlyDictionary<string, Func<PathwayFile>> All = new Dictionary<string, Func<PathwayFile>>
    {
        ["v1: information préoccupante, OPP, placement"] = V1InformationPreoccupanteOppPlacement,
        ["v1: signalement, requête, AEMO renforcée renouvelée"] = V1SignalementReinforcedAemoRenewed,
        ["v1: évaluation sans suite"] = V1EvaluationWithoutFollowUp,
        ["v2: placement en urgence, accueil spécialisé"] = V2UrgentPlacementSpecialisedReception,
        ["v2: AEMO spécifique et fugue"] = V2SpecificAemoWithRunaway,
    };

    /// <summary>
    /// v1. A school nurse's information préoccupante; the CRIP, with the coordinator, finds the danger serious and
    /// passes it to the parquet, which places the girl (OPP) and refers to the judge; the judge keeps the
    /// placement, then orders placement on the merits; the measure runs to its term and is not renewed.
    /// </summary>
    public static PathwayFile V1InformationPreoccupanteOppPlacement()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("information-preoccupante"));
        file.Accept("contact-coordination").Complete("contact-coordination", "contact-pris");
        file.Accept("evaluation-crip").Complete("evaluation-crip", "transmission-parquet");
        file.Accept("decision-parquet").Complete("decision-parquet", "opp");
        file.Accept("accueil-urgence-cdef").Complete("accueil-urgence-cdef", "mineur-accueilli");
        file.Complete("saisine-juge-apres-opp", "juge-saisi");
        file.Complete("convocation-parties", "parties-convoquees");
        file.Complete("audience-placement", "placement-maintenu");
        file.Complete("retour-emetteur", "emetteur-informe");
        file.Complete("decision-fond", "placement");
        file.Complete("notification-decision", "decision-notifiee");
        file.Complete("appel-parquet", "pas-d-appel");
        file.Accept("mise-en-oeuvre-placement").Complete("mise-en-oeuvre-placement", "accueil-organise");
        file.Complete("ppe", "ppe-etabli");
        file.Complete("rapport-annuel", "rapport-transmis");
        file.Complete("echeance-mesure", "fin-de-mesure");
        return file;
    }

    /// <summary>
    /// v1. A signalement straight to the parquet (copy to the CRIP); the parquet refers to the judge without
    /// an OPP; provisional measures, then a reinforced AEMO on the merits, renewed once, then lifted before the
    /// second yearly report.
    /// </summary>
    public static PathwayFile V1SignalementReinforcedAemoRenewed()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("signalement"));
        file.Complete("contact-coordination", "contact-pris");
        file.Complete("decision-parquet", "saisine-juge");
        file.Complete("examen-requete", "mesures-provisoires");
        file.Complete("decision-fond", "aemo-renforcee");
        file.Complete("notification-decision", "decision-notifiee");
        file.Complete("appel-parquet", "pas-d-appel");
        file.Complete("mise-en-oeuvre-aemo", "mesure-engagee");
        file.Complete("ppe", "ppe-etabli");
        file.Complete("rapport-annuel", "rapport-transmis");
        file.Complete("echeance-aemo-renforcee", "renouvellement");
        file.Complete("ppe", "ppe-etabli");
        file.Complete("echeance-aemo-renforcee", "fin-de-mesure");
        return file;
    }

    /// <summary>v1. The CRIP's evaluation finds no danger calling for the protocol; the nurse is told.</summary>
    public static PathwayFile V1EvaluationWithoutFollowUp()
    {
        var file = PathwayFile.Start(1, PathwayFile.Minor("information-preoccupante"));
        file.Complete("contact-coordination", "contact-pris");
        file.Complete("evaluation-crip", "sans-suite");
        file.Complete("retour-emetteur", "emetteur-informe");
        return file;
    }

    /// <summary>
    /// v2. The parquet refers to the judge, who places the girl in an emergency and hears the parties within
    /// 15 days; on the merits, placement. The placement far from Seine-Saint-Denis has no room, so the ASE turns
    /// to the specialised home in the département. Psycho-trauma care is taken up. The measure ends at its term.
    /// </summary>
    public static PathwayFile V2UrgentPlacementSpecialisedReception()
    {
        var file = PathwayFile.Start(2, PathwayFile.Minor("information-preoccupante", ("dateMajorite", "2029-03-14")));
        file.Complete("contact-coordination", "contact-pris");
        file.Complete("evaluation-crip", "transmission-parquet");
        file.Complete("retour-emetteur", "emetteur-informe");
        file.Complete("decision-parquet", "saisine-juge");
        file.Complete("examen-requete", "placement-urgence");
        file.Complete("convocation-parties", "parties-convoquees");
        file.Complete("audience-placement", "placement-maintenu");
        file.Complete("decision-fond", "placement");
        file.Complete("notification-decision", "decision-notifiee");
        file.Complete("appel-parquet", "pas-d-appel");
        file.Complete("orientation-accueil", "accueil-specialise-hors-93");
        file.Decline("admission-accueil-specialise-hors-93", "Aucune place disponible avant trois mois.");
        file.Complete("orientation-accueil", "accueil-specialise-93");
        file.Complete("admission-accueil-specialise-93", "mineur-admis");
        file.Complete("consultation-psychotrauma", "prise-en-charge");
        file.Complete("ppe", "ppe-etabli");
        file.Complete("rapport-annuel", "rapport-transmis");
        file.Complete("echeance-mesure", "fin-de-mesure");
        return file;
    }

    /// <summary>
    /// v2. Signalement, OPP, specific AEMO: the first association has no room, AVVEJ takes the measure. During
    /// the measure the girl runs away: the parquet is told, Asthériia re-contacts her, she comes back and is
    /// interviewed within 72 hours. The measure later ends; the runaway watch closes with it.
    /// </summary>
    public static PathwayFile V2SpecificAemoWithRunaway()
    {
        var file = PathwayFile.Start(2, PathwayFile.Minor("signalement", ("dateMajorite", "2029-03-14")));
        file.Complete("contact-coordination", "contact-pris");
        file.Complete("decision-parquet", "opp");
        file.Complete("accueil-urgence-cdef", "mineur-accueilli");
        file.Complete("saisine-juge-apres-opp", "juge-saisi");
        file.Complete("convocation-parties", "parties-convoquees");
        file.Complete("audience-placement", "placement-leve");
        file.Complete("decision-fond", "aemo");
        file.Complete("notification-decision", "decision-notifiee");
        file.Complete("appel-parquet", "appel");
        file.Complete("orientation-aemo", "sauvegarde-93");
        file.Decline("aemo-sauvegarde-93", "Service complet.");
        file.Complete("orientation-aemo", "avvej");
        file.Complete("aemo-avvej", "mesure-engagee");
        file.Complete("ppe", "ppe-etabli");

        RunAwayAndComeBack(file, new LocalDate(2026, 11, 6));

        file.Complete("consultation-psychotrauma", "pas-de-prise-en-charge");
        file.Complete("rapport-annuel", "rapport-transmis");
        file.Complete("echeance-mesure", "fin-de-mesure");
        return file;
    }

    /// <summary>One runaway episode: declared, Asthériia brings the girl back, the return interview is held.</summary>
    public static void RunAwayAndComeBack(PathwayFile file, LocalDate day)
    {
        file.Clock.Now = day.At(new LocalTime(22, 30)).InZoneLeniently(Runtime.Interpreter.Paris).ToInstant();
        file.Raise("fugue-declaree", new JsonObject { ["dateFugue"] = day.ToString("yyyy-MM-dd", null) });
        file.Clock.Advance(Duration.FromHours(40));
        file.Accept("reprise-contact-asteriia").Complete("reprise-contact-asteriia", "retour");
        file.Clock.Advance(Duration.FromHours(20));
        file.Complete("entretien-retour", "entretien-realise");
    }
}
