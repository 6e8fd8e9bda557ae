using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Testing;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Designer;

/// <summary>The definitions API the designer works with: versions, drafts, validation, publication, retirement (on PostgreSQL).</summary>
public sealed class DesignerApiTests : IAsyncLifetime
{
    private const string Pathway = "minor-protection-pathway";
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();
    private ScratchPostgres _database = null!;
    private PathwayRun _run = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchPostgres.CreateAsync("designer");
        _run = new PathwayRun(_folder, _database.ConnectionString);
        _owner = await _run.ClientAsAsync("pilote");
    }

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_list_shows_each_version_with_its_status_author_and_running_files()
    {
        var runner = _run.Services.GetRequiredService<CareFileRunner>();
        await runner.StartAsync(Pathway, "F-1", new StartFile("start-1", "test"));
        await runner.StartAsync(Pathway, "F-2", new StartFile("start-2", "test"));

        var pathway = (await ListAsync()).Single(d => d.GetProperty("id").GetString() == Pathway);

        var versions = pathway.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.All(versions, v => Assert.Equal("published", v.GetProperty("status").GetString()));
        Assert.All(versions, v => Assert.Equal("system:definitions", v.GetProperty("createdBy").GetString()));
        Assert.Equal([2, 0], versions.Select(v => v.GetProperty("runningFiles").GetInt32()));
        Assert.StartsWith("Parcours des mineurs", pathway.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_draft_made_from_v2_is_the_next_version_with_v2s_content_and_its_author()
    {
        var response = await _owner.PostAsJsonAsync($"/api/definitions/{Pathway}/drafts", new { from = 2 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, created.GetProperty("version").GetInt32());
        Assert.Empty(created.GetProperty("errors").EnumerateArray());
        var draft = await DocumentAsync(3);
        var v2 = await DocumentAsync(2);
        Assert.Equal(3, draft["version"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(v2["activities"], draft["activities"]));
        var listed = VersionOf(await ListAsync(), 3);
        Assert.Equal("draft", listed.GetProperty("status").GetString());
        Assert.Equal("user:pilote", listed.GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task A_draft_with_a_broken_graph_is_saved_and_its_errors_point_at_the_fault()
    {
        await CreateDraftFromV2Async();
        var draft = await DocumentAsync(3);
        var connections = draft["connections"]!.AsArray();
        connections[0]!["target"] = "nulle-part";

        var response = await _owner.PutAsync($"/api/definitions/{Pathway}/versions/3", Json(draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        var error = Assert.Single(errors, e => e.GetProperty("pointer").GetString() == "/connections/0/target");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal("nulle-part", (await DocumentAsync(3))["connections"]![0]!["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validating_a_version_gives_the_same_errors_as_saving_it()
    {
        await CreateDraftFromV2Async();
        var draft = await DocumentAsync(3);
        draft["connections"]![0]!["target"] = "nulle-part";
        var saved = await (await _owner.PutAsync($"/api/definitions/{Pathway}/versions/3", Json(draft))).Content.ReadFromJsonAsync<JsonElement>();

        var report = await (await _owner.PostAsync($"/api/definitions/{Pathway}/versions/3/validate", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(saved.GetProperty("errors").ToString(), report.GetProperty("errors").ToString());
        var valid = await (await _owner.PostAsync($"/api/definitions/{Pathway}/versions/2/validate", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(valid.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_is_refused_with_its_errors_and_leaves_it_a_draft()
    {
        await CreateDraftFromV2Async();
        var draft = await DocumentAsync(3);
        draft["connections"]![0]!["target"] = "nulle-part";
        await _owner.PutAsync($"/api/definitions/{Pathway}/versions/3", Json(draft));

        var response = await _owner.PostAsync($"/api/definitions/{Pathway}/versions/3/publish", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("/connections/0/target", out _));
        Assert.Contains(problem.GetProperty("definitionErrors").EnumerateArray(), e => e.GetProperty("pointer").GetString() == "/connections/0/target");
        Assert.Equal("draft", VersionOf(await ListAsync(), 3).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Publishing_a_valid_draft_makes_the_version_new_files_start_on()
    {
        await CreateDraftFromV2Async();
        var draft = await DocumentAsync(3);
        draft["name"] = "Parcours — version de travail";
        await _owner.PutAsync($"/api/definitions/{Pathway}/versions/3", Json(draft));

        var response = await _owner.PostAsync($"/api/definitions/{Pathway}/versions/3/publish", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = VersionOf(await ListAsync(), 3);
        Assert.Equal("published", listed.GetProperty("status").GetString());
        Assert.Equal("user:pilote", listed.GetProperty("publishedBy").GetString());
        Assert.Equal(3, await _run.Definitions.LatestPublishedAsync(Pathway));
        Assert.Equal(HttpStatusCode.Conflict, (await _owner.PostAsync($"/api/definitions/{Pathway}/versions/3/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _owner.PutAsync($"/api/definitions/{Pathway}/versions/3", Json(draft))).StatusCode);
    }

    [Fact]
    public async Task A_retired_version_is_listed_as_retired_and_cannot_be_retired_twice()
    {
        var response = await _owner.PostAsync($"/api/definitions/{Pathway}/versions/1/retire", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = VersionOf(await ListAsync(), 1);
        Assert.Equal("retired", listed.GetProperty("status").GetString());
        Assert.Equal("user:pilote", listed.GetProperty("retiredBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _owner.PostAsync($"/api/definitions/{Pathway}/versions/1/retire", null)).StatusCode);
    }

    [Fact]
    public async Task The_export_of_a_version_is_its_definition_document()
    {
        var file = DefinitionJson.Deserialize(await File.ReadAllTextAsync(RepositoryFile.Path($"definitions/{Pathway}/v2.json")));

        var exported = await _owner.GetStringAsync($"/api/definitions/{Pathway}/versions/2");

        Assert.Equal(DefinitionJson.Serialize(file), exported);
    }

    [Fact]
    public async Task An_imported_document_becomes_the_next_draft_and_an_unreadable_one_is_refused()
    {
        var v1 = JsonNode.Parse(DefinitionJson.Serialize(DefinitionJson.Deserialize(
            await File.ReadAllTextAsync(RepositoryFile.Path($"definitions/{Pathway}/v1.json")))));

        var imported = await _owner.PostAsJsonAsync($"/api/definitions/{Pathway}/drafts", new { document = v1 });
        var unreadable = await _owner.PostAsJsonAsync($"/api/definitions/{Pathway}/drafts", new { document = new { name = "sans activités" } });

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        Assert.Equal(3, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.True(JsonNode.DeepEquals(v1!["activities"], (await DocumentAsync(3))["activities"]));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.DoesNotContain(VersionsOf(await ListAsync()), v => v.GetProperty("version").GetInt32() == 4);
    }

    [Fact]
    public async Task Unknown_versions_are_404_and_a_body_over_2_MiB_is_413()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.GetAsync($"/api/definitions/{Pathway}/versions/9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.PostAsJsonAsync($"/api/definitions/{Pathway}/drafts", new { from = 9 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.PostAsync($"/api/definitions/{Pathway}/versions/9/publish", null)).StatusCode);

        await CreateDraftFromV2Async();
        var huge = new StringContent("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _owner.PutAsync($"/api/definitions/{Pathway}/versions/3", huge)).StatusCode);
    }

    [Fact]
    public async Task The_coordinator_reads_definitions_but_may_not_edit_them_and_the_observatory_may_not_read_them()
    {
        var coordinator = await _run.ClientAsAsync("coordinatrice");
        var observatory = await _run.ClientAsAsync("observatoire");

        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync($"/api/definitions/{Pathway}/drafts", new { from = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync($"/api/definitions/{Pathway}/versions/1/retire", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observatory.GetAsync("/api/definitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _run.CreateClient().GetAsync("/api/catalogue")).StatusCode);
    }

    private async Task CreateDraftFromV2Async() =>
        Assert.Equal(HttpStatusCode.Created, (await _owner.PostAsJsonAsync($"/api/definitions/{Pathway}/drafts", new { from = 2 })).StatusCode);

    private async Task<List<JsonElement>> ListAsync() =>
        (await _owner.GetFromJsonAsync<JsonElement>("/api/definitions")).EnumerateArray().ToList();

    private static IEnumerable<JsonElement> VersionsOf(List<JsonElement> list) =>
        list.Single(d => d.GetProperty("id").GetString() == Pathway).GetProperty("versions").EnumerateArray();

    private static JsonElement VersionOf(List<JsonElement> list, int version) =>
        VersionsOf(list).Single(v => v.GetProperty("version").GetInt32() == version);

    private async Task<JsonObject> DocumentAsync(int version) =>
        JsonNode.Parse(await _owner.GetStringAsync($"/api/definitions/{Pathway}/versions/{version}"))!.AsObject();

    private static StringContent Json(JsonNode document) => new(document.ToJsonString(), Encoding.UTF8, "application/json");
}
