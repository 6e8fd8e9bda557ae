using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Testing;

namespace Pathway.Host.Tests.Designer.RoundTrip;

/// <summary>Every definition file of the repository, imported as a draft through the API and exported, is the same JSON.</summary>
public sealed class DefinitionRoundTripTests : IAsyncLifetime
{
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();
    private ScratchPostgres _database = null!;
    private PathwayRun _run = null!;
    private HttpClient _owner = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchPostgres.CreateAsync("roundtrip");
        _run = new PathwayRun(_folder, _database.ConnectionString);
        _owner = await _run.ClientAsAsync("pilote");
    }

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    public static TheoryData<string> Files()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(root.FullName, "definitions", "schema"))) root = root.Parent!;
        var files = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(root.FullName, "definitions"), "v*.json", SearchOption.AllDirectories).Order())
            files.Add(file);
        return files;
    }

    /// <summary>JSON Pointers where the two documents differ, to say what changed rather than that something did.</summary>
    private static IEnumerable<string> Differences(JsonNode? a, JsonNode? b, string at)
    {
        if (a is JsonObject x && b is JsonObject y)
            return x.Select(p => p.Key).Union(y.Select(p => p.Key)).SelectMany(k => Differences(x[k], y[k], $"{at}/{k}"));
        if (a is JsonArray l && b is JsonArray r && l.Count == r.Count)
            return l.SelectMany((item, i) => Differences(item, r[i], $"{at}/{i}"));
        return JsonNode.DeepEquals(a, b) ? [] : [at];
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Export_of_import_is_the_file(string path)
    {
        var file = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var id = file["id"]!.GetValue<string>();

        var created = await _owner.PostAsJsonAsync($"/api/definitions/{id}/drafts", new { document = file });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version = (await created.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        var exported = JsonNode.Parse(await _owner.GetStringAsync($"/api/definitions/{id}/versions/{version}"))!.AsObject();

        // A draft is always the definition's next version: the number is the only thing that may differ.
        Assert.Equal(version, exported["version"]!.GetValue<int>());
        exported["version"] = file["version"]!.DeepClone();
        Assert.Empty(Differences(file, exported, ""));
    }
}
