using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>Small definitions written for the persistence specs, in the JSON a process owner writes.</summary>
internal static class SpecDefinitions
{
    public const string Id = "persistence-spec";

    /// <summary>
    /// Start, then two branches at once: the CRIP's evaluation (an event, stage "evaluation") and an 8-day
    /// deadline (a timer, stage "parquet"); both must finish before the file ends.
    /// <paramref name="version"/> and <paramref name="name"/> vary to make distinct versions.
    /// </summary>
    public static WorkflowDefinition EvaluationAndDeadline(int version = 1, string name = "Évaluation et échéance") =>
        DefinitionJson.Deserialize($$"""
            {
              "id": "{{Id}}",
              "version": {{version}},
              "name": "{{name}}",
              "stages": [
                { "id": "evaluation", "name": "Évaluation" },
                { "id": "parquet", "name": "Parquet" }
              ],
              "variables": [ { "name": "danger", "type": "choice", "choices": ["faible", "grave"] } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "fork", "type": "Fork", "inputs": { "branches": ["evaluation", "deadline"] } },
                { "id": "wait-evaluation", "type": "WaitForEvent", "stage": "evaluation", "inputs": { "event": "evaluation-received" } },
                { "id": "deadline", "type": "Timer", "stage": "parquet", "inputs": { "duration": "P8D" } },
                { "id": "join", "type": "Join", "inputs": { "fork": "fork" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "done", "target": "fork" },
                { "source": "fork", "outcome": "evaluation", "target": "wait-evaluation" },
                { "source": "fork", "outcome": "deadline", "target": "deadline" },
                { "source": "wait-evaluation", "outcome": "done", "target": "join" },
                { "source": "deadline", "outcome": "done", "target": "join" },
                { "source": "join", "outcome": "done", "target": "end" }
              ]
            }
            """);

    /// <summary>Start straight to End: a file that completes in its first step.</summary>
    public static WorkflowDefinition Immediate(string id = "immediate-spec", int version = 1) =>
        DefinitionJson.Deserialize($$"""
            {
              "id": "{{id}}",
              "version": {{version}},
              "name": "Clôture immédiate",
              "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
              "connections": [ { "source": "start", "outcome": "done", "target": "end" } ]
            }
            """);

    /// <summary>A definition that fails validation: the End cannot be reached.</summary>
    public static WorkflowDefinition Dangling(int version) =>
        DefinitionJson.Deserialize($$"""
            {
              "id": "{{Id}}",
              "version": {{version}},
              "name": "Brouillon incomplet",
              "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
              "connections": []
            }
            """);

    /// <summary>Waits for the evaluation, then runs an activity that throws: the file faults.</summary>
    public static WorkflowDefinition FaultsAfterWaiting() =>
        DefinitionJson.Deserialize("""
            {
              "id": "faulting-spec",
              "version": 1,
              "name": "Panne après attente",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "wait-evaluation", "type": "WaitForEvent", "stage": "evaluation", "inputs": { "event": "evaluation-received" } },
                { "id": "boom", "type": "Explode" },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "done", "target": "wait-evaluation" },
                { "source": "wait-evaluation", "outcome": "done", "target": "boom" },
                { "source": "boom", "outcome": "done", "target": "end" }
              ]
            }
            """);

    /// <summary>Waits for the evaluation and copies its <c>age</c> field into a number variable.</summary>
    public static WorkflowDefinition EvaluationWithAge() =>
        DefinitionJson.Deserialize("""
            {
              "id": "age-spec",
              "version": 1,
              "name": "Évaluation avec âge",
              "variables": [ { "name": "age", "type": "number" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "wait-evaluation", "type": "WaitForEvent", "inputs": { "event": "evaluation-received", "assign": { "age": "age" } } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "done", "target": "wait-evaluation" },
                { "source": "wait-evaluation", "outcome": "done", "target": "end" }
              ]
            }
            """);

    /// <summary>
    /// Asks the parquet to decide, sharing the minor's names and birth date with it (so the outbox payload carries
    /// them); an acknowledgement, then an answer with the parquet's observations (a variable), completes the file.
    /// </summary>
    public static WorkflowDefinition SharesIdentity() =>
        DefinitionJson.Deserialize("""
            {
              "id": "identity-spec",
              "version": 1,
              "name": "Demande au parquet avec identité",
              "stages": [ { "id": "parquet", "name": "Parquet" } ],
              "variables": [
                { "name": "prenom", "type": "text" },
                { "name": "nom", "type": "text" },
                { "name": "dateNaissance", "type": "date" },
                { "name": "observations", "type": "text" }
              ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "parquet", "type": "PartnerTask", "stage": "parquet", "inputs": {
                    "partner": "parquet-difaje", "title": "Décider des suites du signalement", "outcomes": ["opp", "classement"],
                    "deadline": { "duration": "P8D", "legalBasis": "C. civ. 375-5" },
                    "acknowledgeWithin": { "duration": "P2D", "counting": "workingDays" },
                    "fields": ["nom", "prenom", "dateNaissance"], "assign": { "observations": "observations" } } },
                { "id": "opp", "type": "End" },
                { "id": "classement", "type": "End" },
                { "id": "refus", "type": "End" }
              ],
              "connections": [
                { "source": "start", "outcome": "done", "target": "parquet" },
                { "source": "parquet", "outcome": "opp", "target": "opp" },
                { "source": "parquet", "outcome": "classement", "target": "classement" },
                { "source": "parquet", "outcome": "declined", "target": "refus" }
              ]
            }
            """);
}
