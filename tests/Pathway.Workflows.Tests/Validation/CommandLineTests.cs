using System.Text.Json.Nodes;
using Pathway.Host.Cli;
using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Tests.Validation;

/// <summary>The <c>definitions</c> verbs, run in-process with their output captured.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pathway-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Validating_a_valid_file_prints_nothing_and_exits_0()
    {
        var (exit, output) = await Run("definitions", "validate", Examples.PathOf("valid", "care-pathway"));

        Assert.Equal(0, exit);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Validating_a_file_with_two_errors_prints_two_lines_and_exits_1()
    {
        var file = Path.Combine(_folder, "two-errors.json");
        var definition = JsonNode.Parse(Examples.Read("valid", "care-pathway"))!;
        definition["activities"]![3]!["stage"] = "evaluaton";
        definition["activities"]![5]!["inputs"]!["duration"] = "8 days";
        File.WriteAllText(file, definition.ToJsonString());

        var (exit, output) = await Run("definitions", "validate", file);

        Assert.Equal(1, exit);
        Assert.Equal(
            $"{file}:/activities/3/stage: Stage 'evaluaton' is not declared; declared stages: signalement, evaluation.\n"
            + $"{file}:/activities/5/inputs/duration: Input 'duration' must be an ISO 8601 duration such as \"P8D\".\n",
            output);
    }

    [Fact]
    public async Task Validating_a_missing_file_says_so_and_exits_1()
    {
        var file = Path.Combine(_folder, "v1.json");

        var (exit, output) = await Run("definitions", "validate", file);

        Assert.Equal(1, exit);
        Assert.Equal($"{file}:: The file does not exist.\n", output);
    }

    [Fact]
    public async Task A_layout_file_is_checked_against_the_definition_beside_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "care-pathway")).FullName;
        File.Copy(Examples.PathOf("valid", "care-pathway"), Path.Combine(folder, "v1.json"));
        var layout = Path.Combine(folder, "v1.layout.json");
        File.WriteAllText(layout, """{ "id": "care-pathway", "version": 1, "nodes": { "ghost": { "x": 0, "y": 0 } } }""");

        var (exit, output) = await Run("definitions", "validate", Path.Combine(folder, "v1.json"), layout);

        Assert.Equal(1, exit);
        Assert.Equal($"{layout}:/nodes/ghost: Definition 'care-pathway' v1 has no activity 'ghost'.\n", output);
    }

    [Fact]
    public async Task The_schema_verb_writes_the_generated_schema()
    {
        var file = Path.Combine(_folder, "schema", "workflow-definition.schema.json");

        var (exit, _) = await Run("definitions", "schema", "--output", file);

        Assert.Equal(0, exit);
        Assert.Equal(DefinitionSchema.Export(), File.ReadAllText(file));
    }

    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var exit = await CommandLine.RunAsync(args, output, TextWriter.Null);
        return (exit, output.ToString());
    }
}
