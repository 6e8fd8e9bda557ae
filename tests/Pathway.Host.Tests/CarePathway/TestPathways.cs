namespace Pathway.Host.Tests.CarePathway;

/// <summary>Small pathways with deadlines in seconds, so that tests can watch deadlines pass.</summary>
internal static class TestPathways
{
    /// <summary>The CRIP evaluates (deadline 4 s, then level 2 after 3 s), then the parquet decides.</summary>
    public static string Evaluation(int version = 1, string decisionTitle = "Décider des suites", string deadline = "PT4S") => $$"""
        {
          "id": "evaluation-courte",
          "version": {{version}},
          "name": "Évaluation en délais courts (tests)",
          "variables": [
            { "name": "prenom", "type": "text" },
            { "name": "nom", "type": "text" },
            { "name": "dateNaissance", "type": "date" },
            { "name": "niveauDanger", "type": "text" }
          ],
          "stages": [ { "id": "evaluation", "name": "Évaluation" }, { "id": "decision", "name": "Décision du parquet" } ],
          "activities": [
            { "id": "start", "type": "Start", "displayName": "Signalement" },
            { "id": "evaluer", "type": "PartnerTask", "displayName": "Évaluation", "stage": "evaluation", "inputs": {
                "partner": "crip-93", "title": "Évaluer la situation", "outcomes": ["danger", "sans-danger"],
                "deadline": { "duration": "{{deadline}}" }, "escalateAfter": "PT3S",
                "fields": ["prenom"], "assign": { "niveauDanger": "niveauDanger" } } },
            { "id": "decider", "type": "PartnerTask", "displayName": "Décision", "stage": "decision", "inputs": {
                "partner": "parquet-difaje", "title": "{{decisionTitle}}", "outcomes": ["opp", "classement"],
                "fields": ["prenom", "nom", "dateNaissance"] } },
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

    public static readonly (string Name, System.Text.Json.Nodes.JsonNode? Value)[] Minor =
        [("prenom", "Lina"), ("nom", "Martin"), ("dateNaissance", "2011-03-02")];
}
