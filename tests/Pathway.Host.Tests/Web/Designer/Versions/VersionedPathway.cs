using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathway.Host.Tests.Web.Designer.Versions;

/// <summary>
/// A definition of its own for the versions screens, made through the API as the process owner would, so that
/// publishing its versions leaves the pathways the other browser tests run on alone.
/// </summary>
internal sealed class VersionedPathway(HttpClient owner, string id)
{
    public string Id => id;

    /// <summary>The CRIP evaluates within <paramref name="evaluationDeadline"/>; then the parquet (or <paramref name="decider"/>) decides.</summary>
    public static JsonObject Document(string id, string evaluationDeadline, string decider = "parquet-difaje", bool informAse = false)
    {
        var activities = new JsonArray
        {
            new JsonObject { ["id"] = "start", ["type"] = "Start", ["displayName"] = "Signalement" },
            new JsonObject
            {
                ["id"] = "evaluer", ["type"] = "PartnerTask", ["displayName"] = "Évaluation", ["stage"] = "evaluation",
                ["inputs"] = new JsonObject
                {
                    ["partner"] = "crip-93", ["title"] = "Évaluer la situation", ["outcomes"] = new JsonArray("danger", "sans-danger"),
                    ["deadline"] = new JsonObject { ["duration"] = evaluationDeadline, ["counting"] = "calendar" },
                    ["fields"] = new JsonArray("prenom"),
                },
            },
            new JsonObject
            {
                ["id"] = "decider", ["type"] = "PartnerTask", ["displayName"] = "Décision", ["stage"] = "decision",
                ["inputs"] = new JsonObject
                {
                    ["partner"] = decider, ["title"] = "Décider des suites", ["outcomes"] = new JsonArray("opp", "classement"),
                    ["fields"] = new JsonArray("prenom"),
                },
            },
            new JsonObject { ["id"] = "fin", ["type"] = "End", ["displayName"] = "Fin" },
        };
        var connections = new JsonArray
        {
            Connection("start", "done", "evaluer"),
            Connection("evaluer", "danger", "decider"),
            Connection("evaluer", "sans-danger", informAse ? "informer-ase" : "fin"),
            Connection("evaluer", "declined", "fin"),
            Connection("decider", "opp", "fin"),
            Connection("decider", "classement", "fin"),
            Connection("decider", "declined", "fin"),
        };
        if (informAse)
        {
            activities.Add(new JsonObject
            {
                ["id"] = "informer-ase", ["type"] = "PartnerTask", ["displayName"] = "Information de l'ASE", ["stage"] = "decision",
                ["inputs"] = new JsonObject
                {
                    ["partner"] = "ase-93", ["title"] = "Prendre connaissance de l'évaluation", ["outcomes"] = new JsonArray("vu"),
                    ["fields"] = new JsonArray("prenom"),
                },
            });
            connections.Add(Connection("informer-ase", "vu", "fin"));
            connections.Add(Connection("informer-ase", "declined", "fin"));
        }
        return new JsonObject
        {
            ["id"] = id,
            ["version"] = 1,
            ["name"] = "Parcours à migrer (tests du navigateur)",
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "prenom", ["type"] = "text" }),
            ["stages"] = new JsonArray(
                new JsonObject { ["id"] = "evaluation", ["name"] = "Évaluation" },
                new JsonObject { ["id"] = "decision", ["name"] = "Décision du parquet" }),
            ["activities"] = activities,
            ["connections"] = connections,
        };
    }

    private static JsonObject Connection(string source, string outcome, string target) =>
        new() { ["source"] = source, ["outcome"] = outcome, ["target"] = target };

    public static async Task<HttpClient> SignedInClientAsync(Uri host, string user)
    {
        var client = new HttpClient { BaseAddress = host };
        var response = await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Imports the document as the next draft; returns its version.</summary>
    public async Task<int> ImportAsync(JsonObject document)
    {
        var created = await owner.PostAsJsonAsync($"/api/definitions/{id}/drafts", new { document });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    public async Task<int> PublishAsync(JsonObject document)
    {
        var version = await ImportAsync(document);
        var published = await owner.PostAsync($"/api/definitions/{id}/versions/{version}/publish", null);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return version;
    }
}
