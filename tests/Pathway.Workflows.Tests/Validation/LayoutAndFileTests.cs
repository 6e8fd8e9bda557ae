using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Validation;

public class LayoutAndFileTests
{
    private static readonly WorkflowDefinition CarePathway = DefinitionJson.Deserialize(Examples.Read("valid", "care-pathway"));

    [Fact]
    public void A_layout_placing_only_activities_of_its_definition_is_valid()
    {
        const string layout = """{ "id": "care-pathway", "version": 1, "nodes": { "start": { "x": 0, "y": 0 }, "end": { "x": 400, "y": 0 } } }""";

        Assert.Empty(LayoutValidator.Validate(layout, CarePathway));
    }

    [Fact]
    public void A_layout_for_another_version_or_placing_unknown_activities_is_reported()
    {
        const string layout = """{ "id": "care-pathway", "version": 2, "nodes": { "stat": { "x": 0, "y": 0 } } }""";

        var errors = LayoutValidator.Validate(layout, CarePathway);

        Assert.Equal(
        [
            new ValidationError("/version", "layout.wrong-version", "The layout is for version 2, but the definition beside it is version 1."),
            new ValidationError("/nodes/stat", "layout.unknown-activity", "Definition 'care-pathway' v1 has no activity 'stat'."),
        ], errors);
    }

    [Fact]
    public void A_definition_file_says_the_version_and_id_of_its_path()
    {
        var errors = DefinitionFileRules.Check(Path.Combine("definitions", "care", "v2.json"), CarePathway);

        Assert.Equal(
        [
            new ValidationError("/version", "file.wrong-version", "The file is named v2.json but declares version 1."),
            new ValidationError("/id", "file.wrong-folder",
                "The file is in folder 'care' but declares id 'care-pathway'; definitions live in definitions/<id>/."),
        ], errors);
    }

    [Fact]
    public void Files_not_named_after_a_version_are_not_checked_for_their_path()
    {
        Assert.Empty(DefinitionFileRules.Check(Examples.PathOf("valid", "care-pathway"), CarePathway));
    }
}
