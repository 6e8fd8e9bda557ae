using Microsoft.Extensions.Logging;
using Pathway.Host.DefinitionFiles;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests;

/// <summary>
/// Before serving, the host publishes every <c>definitions/&lt;id&gt;/v&lt;N&gt;.json</c>, validated as
/// <c>definitions validate</c> does, or refuses to start with one <c>file:pointer: message</c> per problem.
/// </summary>
public sealed class DefinitionsAtStartupTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_folder_holding_only_the_schema_starts_with_nothing_published()
    {
        _folder.WriteDefinitionFile("schema/workflow-definition.schema.json", """{ "type": "object" }""");
        await using var run = new PathwayRun(_folder);

        run.Start();

        Assert.Contains("Definitions: 0 version(s) published, 0 unchanged.", Summary(run));
    }

    [Fact]
    public async Task A_valid_definition_file_is_published_by_system_definitions()
    {
        _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal());
        await using var run = new PathwayRun(_folder);

        run.Start();

        Assert.Equal(1, await run.Definitions.LatestPublishedAsync("minimal"));
        var version = Assert.Single(await run.Definitions.VersionsAsync("minimal"));
        Assert.Equal(("published", "system:definitions"), (version.Status, version.PublishedBy));
        Assert.Contains("Definitions: 1 version(s) published, 0 unchanged.", Summary(run));
    }

    [Fact]
    public async Task Every_version_of_a_definition_is_published()
    {
        _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal());
        _folder.WriteDefinitionFile("minimal/v2.json", Examples.Minimal(version: 2, name: "Le plus court, encore"));
        await using var run = new PathwayRun(_folder);

        run.Start();

        Assert.Equal(2, await run.Definitions.LatestPublishedAsync("minimal"));
        Assert.Equal([2, 1], (await run.Definitions.VersionsAsync("minimal")).Select(v => v.Version));
    }

    [Fact]
    public async Task Starting_again_with_the_same_files_changes_nothing()
    {
        _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal());
        DefinitionVersionInfo first;
        await using (var run = new PathwayRun(_folder))
        {
            first = Assert.Single(await run.Definitions.VersionsAsync("minimal"));
        }

        await using var again = new PathwayRun(_folder);

        Assert.Equal(first, Assert.Single(await again.Definitions.VersionsAsync("minimal")));
        Assert.Contains("Definitions: 0 version(s) published, 1 unchanged.", Summary(again));
    }

    [Fact]
    public async Task A_published_version_whose_file_changed_stops_start_up_naming_the_file()
    {
        var file = _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal());
        await using (var run = new PathwayRun(_folder)) run.Start();
        File.WriteAllText(file, Examples.Minimal(name: "Le plus court, modifié"));

        await using var again = new PathwayRun(_folder);
        var problem = Assert.Single(again.StartRefused());

        Assert.StartsWith($"{file}:: Definition 'minimal' v1 is published with other content", problem);
    }

    [Fact]
    public async Task An_invalid_definition_stops_start_up_with_file_pointer_message()
    {
        var file = _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal(endType: "Fin"));
        await using var run = new PathwayRun(_folder);

        var problem = Assert.Single(run.StartRefused());

        Assert.StartsWith($"{file}:/activities/1/type: Activity type 'Fin' does not exist; known types: ", problem);
    }

    [Fact]
    public async Task A_file_whose_name_disagrees_with_its_version_stops_start_up()
    {
        var file = _folder.WriteDefinitionFile("minimal/v2.json", Examples.Minimal(version: 1));
        await using var run = new PathwayRun(_folder);

        var problem = Assert.Single(run.StartRefused());

        Assert.Equal($"{file}:/version: The file is named v2.json but declares version 1.", problem);
    }

    [Fact]
    public async Task A_layout_placing_an_unknown_activity_stops_start_up()
    {
        _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal());
        var layout = _folder.WriteDefinitionFile("minimal/v1.layout.json",
            """{ "id": "minimal", "version": 1, "nodes": { "ghost": { "x": 0, "y": 0 } } }""");
        await using var run = new PathwayRun(_folder);

        var problem = Assert.Single(run.StartRefused());

        Assert.Equal($"{layout}:/nodes/ghost: Definition 'minimal' v1 has no activity 'ghost'.", problem);
    }

    [Fact]
    public async Task Nothing_is_published_while_any_file_is_invalid()
    {
        _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal());
        var invalid = _folder.WriteDefinitionFile("other/v1.json", Examples.Minimal(id: "other", endType: "Fin"));
        await using (var refused = new PathwayRun(_folder)) refused.StartRefused();
        File.Delete(invalid);

        await using var run = new PathwayRun(_folder);
        run.Start();

        Assert.Contains("Definitions: 1 version(s) published, 0 unchanged.", Summary(run));
    }

    [Fact]
    public async Task A_json_file_named_otherwise_is_left_out_with_a_warning()
    {
        var file = _folder.WriteDefinitionFile("minimal/v1-copy.json", Examples.Minimal());
        await using var run = new PathwayRun(_folder);

        run.Start();

        Assert.Null(await run.Definitions.LatestPublishedAsync("minimal"));
        var warning = Assert.Single(run.Log.Messages(typeof(DefinitionFolder).FullName!, LogLevel.Warning));
        Assert.StartsWith($"{file} is not read", warning);
    }

    private static IReadOnlyList<string> Summary(PathwayRun run) =>
        run.Log.Messages(typeof(DefinitionFolder).FullName!, LogLevel.Information);
}
