using System.Text.Json.Nodes;
using Pathway.Workflows.Conditions;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Conditions;

/// <summary>Checks rules written as JSON text against the variables of a child protection file.</summary>
internal static class Checking
{
    /// <summary>Where the rules under test sit in their definition.</summary>
    public const string At = "/activities/4/inputs/condition";

    public static readonly IReadOnlyDictionary<string, VariableDefinition> Variables = new[]
    {
        new VariableDefinition { Name = "age", Type = VariableType.Number },
        new VariableDefinition { Name = "firstName", Type = VariableType.Text },
        new VariableDefinition { Name = "dangerLevel", Type = VariableType.Choice, Choices = ["faible", "moyen", "élevé"] },
        new VariableDefinition { Name = "birthDate", Type = VariableType.Date },
        new VariableDefinition { Name = "hasLawyer", Type = VariableType.Boolean },
    }.ToDictionary(v => v.Name);

    public static List<ValidationError> Errors(string rule)
    {
        var errors = new List<ValidationError>();
        JsonLogicChecker.Infer(JsonNode.Parse(rule), Variables, At, errors);
        return errors;
    }

    public static LogicType TypeOf(string rule)
    {
        var errors = new List<ValidationError>();
        var type = JsonLogicChecker.Infer(JsonNode.Parse(rule), Variables, At, errors);
        Assert.Empty(errors);
        return type;
    }

    public static void AssertSingleError(string rule, string pointer, string code, string message) =>
        Assert.Equal(new ValidationError(pointer, code, message), Assert.Single(Errors(rule)));
}
