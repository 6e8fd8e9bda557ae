using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Api;

/// <summary>
/// The OpenAPI document the host serves is the one committed as docs/openapi.json, so the documented API cannot
/// fall behind the code. With PATHWAY_UPDATE_DOCS=1 the test rewrites the committed file instead.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private const string Doc = "docs/openapi.json";
    private const string UpdateVariable = "PATHWAY_UPDATE_DOCS";

    [Fact]
    public async Task The_served_document_is_the_committed_one()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);

        var served = Indented(await run.CreateClient().GetStringAsync("/openapi/v1.json"));

        var path = RepositoryFile.Path(Doc);
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";
        if (served != committed && Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            File.WriteAllText(path, served);
        else
            Assert.True(served == committed,
                $"{Doc} is not the document the host serves. Regenerate it with `{UpdateVariable}=1 dotnet test tests/Pathway.Host.Tests "
                + $"--filter FullyQualifiedName~{nameof(OpenApiDocumentTests)}` and commit it.");
    }

    [Fact]
    public async Task The_document_is_served_to_anyone_and_declares_the_bearer_scheme()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);

        var document = JsonNode.Parse(await run.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        Assert.Equal("Pathway API", document["info"]!["title"]!.GetValue<string>());
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        Assert.NotNull(document["paths"]!["/api/session"]!["get"]!["security"]);
        Assert.Null(document["paths"]!["/api/session/options"]!["get"]!["security"]);
    }

    /// <summary>One stable text: indented, LF, a final newline (the committed file is diffed by people).</summary>
    private static string Indented(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";
}
