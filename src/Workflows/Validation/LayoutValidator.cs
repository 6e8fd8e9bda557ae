using System.Text.Json;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation.Structure;

namespace Pathway.Workflows.Validation;

/// <summary>A layout (<c>v&lt;N&gt;.layout.json</c>) belongs to the definition beside it and places only its activities.</summary>
public static class LayoutValidator
{
    public static IReadOnlyList<ValidationError> Validate(string layoutJson, WorkflowDefinition definition)
    {
        DefinitionLayout layout;
        try
        {
            layout = JsonSerializer.Deserialize<DefinitionLayout>(layoutJson, DefinitionJson.Options)
                     ?? throw new JsonException("The layout is null.");
        }
        catch (JsonException exception)
        {
            return [JsonProblems.Unreadable(exception, "a layout")];
        }

        var errors = new List<ValidationError>();
        if (layout.Id != definition.Id)
            errors.Add(new ValidationError("/id", "layout.wrong-definition",
                $"The layout is for definition '{layout.Id}', but the definition beside it is '{definition.Id}'."));
        if (layout.Version != definition.Version)
            errors.Add(new ValidationError("/version", "layout.wrong-version",
                $"The layout is for version {layout.Version}, but the definition beside it is version {definition.Version}."));
        var activities = definition.Activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in layout.Nodes.Keys.Where(id => !activities.Contains(id)))
            errors.Add(new ValidationError("/nodes/" + ActivityModel.Pointer.Escape(id), "layout.unknown-activity",
                $"Definition '{definition.Id}' v{definition.Version} has no activity '{id}'."));
        return errors;
    }
}
