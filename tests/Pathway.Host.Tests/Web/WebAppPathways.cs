namespace Pathway.Host.Tests.Web;

/// <summary>Definitions the browser tests run files on.</summary>
internal static class WebAppPathways
{
    public const string StallingId = "evaluation-qui-tarde";

    /// <summary>The partner that stalls: the CRIP, which has three seconds to evaluate.</summary>
    public const string StallingPartner = "crip-93";

    /// <summary>The stage the file reaches once the CRIP has evaluated, as the file view shows it.</summary>
    public const string NextStageLabel = "Décision du parquet";

    /// <summary>
    /// The CRIP evaluates within three seconds, so that a test sees the file stall; the escalation would rise to
    /// level 2 only after an hour, so it stays the one the coordinator acts on. Then the parquet decides.
    /// </summary>
    public static string Stalling => $$"""
        {
          "id": "{{StallingId}}",
          "version": 1,
          "name": "Évaluation qui tarde (tests du navigateur)",
          "variables": [ { "name": "prenom", "type": "text" } ],
          "stages": [ { "id": "evaluation", "name": "Évaluation" }, { "id": "decision", "name": "{{NextStageLabel}}" } ],
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Signalement" },
            { "id": "evaluer", "type": "PartnerTask", "displayName": "Évaluation", "stage": "evaluation", "inputs": {
                "partner": "{{StallingPartner}}", "title": "Évaluer la situation", "outcomes": ["danger", "sans-danger"],
                "deadline": { "duration": "PT3S" }, "escalateAfter": "PT1H", "fields": ["prenom"] } },
            { "id": "decider", "type": "PartnerTask", "displayName": "Décision", "stage": "decision", "inputs": {
                "partner": "parquet-difaje", "title": "Décider des suites", "outcomes": ["opp", "classement"],
                "fields": ["prenom"] } },
            { "id": "fin", "type": "End", "displayName": "Fin" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "evaluer" },
            { "source": "evaluer", "outcome": "danger", "target": "decider" },
            { "source": "evaluer", "outcome": "sans-danger", "target": "fin" },
            { "source": "evaluer", "outcome": "declined", "target": "fin" },
            { "source": "decider", "outcome": "opp", "target": "fin" },
            { "source": "decider", "outcome": "classement", "target": "fin" },
            { "source": "decider", "outcome": "declined", "target": "fin" }
          ]
        }
        """;
}
