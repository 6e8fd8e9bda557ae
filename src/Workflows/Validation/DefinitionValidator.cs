using System.Text.Json;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation.Rules;
using Pathway.Workflows.Validation.Structure;

namespace Pathway.Workflows.Validation;

/// <summary>
/// The one validation of definitions, run the same way at load and at publish: structure (against
/// <see cref="DefinitionSchema"/>) when starting from text, then the size limits (<see cref="DefinitionLimits"/>),
/// then the semantic rules of docs/definitions.md.
/// </summary>
public sealed class DefinitionValidator(ActivityCatalog catalog, IPartnerDirectory? partners = null) : IDefinitionValidator
{
    /// <summary>The semantic rules, on a definition that is already well-structured.</summary>
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition)
    {
        var context = new ValidationContext(definition, catalog, partners);
        if (!SizeRules.Check(context)) return context.Errors;
        IdentifierRules.Check(context);
        VariableRules.Check(context);
        ActivityRules.Check(context);
        ConnectionRules.Check(context);
        ReachabilityRules.Check(context);
        JoinRules.Check(context);
        DeferredChoiceRules.Check(context);
        return context.Errors;
    }

    /// <summary>
    /// Structure first, then semantics. The definition is null only when the text is not a well-structured
    /// definition; it is valid when there are no errors.
    /// </summary>
    public (WorkflowDefinition? Definition, IReadOnlyList<ValidationError> Errors) ValidateJson(string json)
    {
        var structural = StructuralValidator.Validate(json);
        if (structural.Count > 0) return (null, structural);

        WorkflowDefinition definition;
        try
        {
            definition = DefinitionJson.Deserialize(json);
        }
        catch (JsonException exception)
        {
            // The schema is generated from the same model, so this only happens if the two disagree.
            return (null, [JsonProblems.Unreadable(exception, "a definition")]);
        }

        return (definition, Validate(definition));
    }
}
