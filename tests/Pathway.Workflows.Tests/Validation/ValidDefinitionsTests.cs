using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Tests.Schema;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Validation;

public class ValidDefinitionsTests
{
    [Theory]
    [InlineData("minimal")]
    [InlineData("care-pathway")]
    [InlineData("nested-splits")]
    public void A_valid_example_has_no_error_and_is_read(string name)
    {
        var (definition, errors) = Examples.Validator.ValidateJson(Examples.Read("valid", name));

        Assert.Empty(errors);
        Assert.Equal(name, definition?.Id);
    }

    [Fact]
    public void Every_workflow_pattern_definition_is_valid()
    {
        // The patterns use a test activity (AwaitReply), hence the patterns' own catalogue.
        var validator = new DefinitionValidator(PatternRun.Catalog);
        var folder = Repository.PathOf("tests/Pathway.Workflows.Tests/Patterns/Definitions");

        var errors = Directory.GetFiles(folder, "*.json")
            .SelectMany(file => validator.ValidateJson(File.ReadAllText(file)).Errors.Select(e => $"{Path.GetFileName(file)}:{e}"));

        Assert.Empty(errors);
    }
}
