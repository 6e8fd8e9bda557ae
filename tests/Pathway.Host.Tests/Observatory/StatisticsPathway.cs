namespace Pathway.Host.Tests.Observatory;

/// <summary>
/// A short pathway with what the indicators look for: stages, two partner tasks with deadlines (evaluation 3 days,
/// parquet 8 days), the parquet's <c>opp</c> (a first protective measure), and a runaway watch that loops on
/// <c>fugue-declaree</c> until the minor comes of age.
/// </summary>
internal static class StatisticsPathway
{
    public const string Id = "statistiques-test";

    public const string Json = """
        {
          "id": "statistiques-test",
          "version": 1,
          "name": "Parcours réduit pour les indicateurs",
          "stages": [
            {
              "id": "ouverture",
              "name": "Ouverture du dossier"
            },
            {
              "id": "evaluation",
              "name": "Évaluation"
            },
            {
              "id": "parquet",
              "name": "Décision du parquet"
            },
            {
              "id": "fugue",
              "name": "Fugue"
            },
            {
              "id": "cloture",
              "name": "Clôture"
            }
          ],
          "activities": [
            {
              "id": "debut",
              "type": "Start",
              "stage": "ouverture"
            },
            {
              "id": "evaluation",
              "type": "PartnerTask",
              "stage": "evaluation",
              "inputs": {
                "partner": "crip-93",
                "title": "Évaluer la situation",
                "outcomes": [
                  "faite"
                ],
                "deadline": {
                  "duration": "P3D"
                }
              }
            },
            {
              "id": "decision-parquet",
              "type": "PartnerTask",
              "stage": "parquet",
              "inputs": {
                "partner": "parquet-difaje",
                "title": "Décider des suites",
                "outcomes": [
                  "opp",
                  "classement"
                ],
                "deadline": {
                  "duration": "P8D"
                }
              }
            },
            {
              "id": "veille",
              "type": "DeferredChoice",
              "stage": "fugue",
              "inputs": {
                "branches": [
                  "fugue",
                  "majorite"
                ]
              }
            },
            {
              "id": "fugue-declaree",
              "type": "WaitForEvent",
              "stage": "fugue",
              "inputs": {
                "event": "fugue-declaree"
              }
            },
            {
              "id": "retour",
              "type": "WaitForEvent",
              "stage": "fugue",
              "inputs": {
                "event": "retour-de-fugue"
              }
            },
            {
              "id": "majorite",
              "type": "WaitForEvent",
              "stage": "fugue",
              "inputs": {
                "event": "majorite"
              }
            },
            {
              "id": "fin",
              "type": "End",
              "stage": "cloture"
            }
          ],
          "connections": [
            {
              "source": "debut",
              "outcome": "done",
              "target": "evaluation"
            },
            {
              "source": "evaluation",
              "outcome": "faite",
              "target": "decision-parquet"
            },
            {
              "source": "evaluation",
              "outcome": "declined",
              "target": "fin"
            },
            {
              "source": "decision-parquet",
              "outcome": "opp",
              "target": "veille"
            },
            {
              "source": "decision-parquet",
              "outcome": "classement",
              "target": "fin"
            },
            {
              "source": "decision-parquet",
              "outcome": "declined",
              "target": "fin"
            },
            {
              "source": "veille",
              "outcome": "fugue",
              "target": "fugue-declaree"
            },
            {
              "source": "veille",
              "outcome": "majorite",
              "target": "majorite"
            },
            {
              "source": "fugue-declaree",
              "outcome": "done",
              "target": "retour"
            },
            {
              "source": "retour",
              "outcome": "done",
              "target": "veille"
            },
            {
              "source": "majorite",
              "outcome": "done",
              "target": "fin"
            }
          ]
        }
        """;
}
