using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Validation;

/// <summary>Checks a definition; the same checks run when a definition is loaded and when it is published.</summary>
public interface IDefinitionValidator
{
    IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition);
}
