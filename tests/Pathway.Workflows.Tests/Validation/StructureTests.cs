using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Validation;

public class StructureTests
{
    [Fact]
    public void Every_structural_error_is_reported_at_once_and_semantics_wait()
    {
        const string json = """
            {
              "id": "care-pathway",
              "version": 1.5,
              "name": "Parcours",
              "activities": [ { "id": "start", "type": "Start", "stgae": "x" }, { "type": 3 } ],
              "connections": [ { "source": "start", "outcome": "done" } ]
            }
            """;

        var (definition, errors) = Examples.Validator.ValidateJson(json);

        Assert.Null(definition);
        Assert.Equal(
        [
            new ValidationError("/version", "schema.type", "Must be an integer."),
            new ValidationError("/activities/0", "schema.unknown-property", "Unknown property 'stgae'."),
            new ValidationError("/activities/1", "schema.required", "Property 'id' is required."),
            new ValidationError("/activities/1/type", "schema.type", "Must be a string."),
            new ValidationError("/connections/0", "schema.required", "Property 'target' is required."),
        ], errors);
    }

    [Fact]
    public void A_null_where_the_model_allows_none_is_a_type_error()
    {
        const string json = """{ "id": "a", "version": 1, "name": "A", "stages": null, "activities": [], "connections": [] }""";

        var errors = Examples.Validator.ValidateJson(json).Errors;

        Assert.Equal([new ValidationError("/stages", "schema.type", "Must be an array.")], errors);
    }

    [Fact]
    public void A_property_written_twice_is_malformed()
    {
        const string json = """{ "id": "a", "id": "b", "version": 1, "name": "A", "activities": [], "connections": [] }""";

        var errors = Examples.Validator.ValidateJson(json).Errors;

        Assert.Equal("json.malformed", Assert.Single(errors).Code);
        Assert.Contains("'id'", errors[0].Message);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_reported_at_the_root()
    {
        var errors = Examples.Validator.ValidateJson("[]").Errors;

        Assert.Equal([new ValidationError("", "schema.type", "Must be an object.")], errors);
    }

    [Fact]
    public void Special_characters_of_a_property_name_are_escaped_in_the_pointer()
    {
        const string json = """{ "id": "a", "version": 1, "name": "A", "activities": [], "connections": [], "a/b~c": 1 }""";

        var errors = Examples.Validator.ValidateJson(json).Errors;

        Assert.Equal([new ValidationError("", "schema.unknown-property", "Unknown property 'a/b~c'.")], errors);
    }
}
