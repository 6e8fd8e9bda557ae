using Pathway.Workflows.Definitions;

namespace Pathway.Workflows.Validation.Rules;

/// <summary>Ids are well-formed (<see cref="IdRules"/>) and unique within their list.</summary>
internal static class IdentifierRules
{
    public static void Check(ValidationContext context)
    {
        var definition = context.Definition;
        if (!IdRules.IsDefinitionId(definition.Id))
            context.Add("/id", "id.malformed", $"Definition id '{definition.Id}' is not well-formed: use {IdRules.DefinitionIdRule}.");

        CheckList(context, definition.Stages.Select(s => s.Id).ToList(), "stages", "id", "Stage id");
        CheckList(context, definition.Variables.Select(v => v.Name).ToList(), "variables", "name", "Variable name");
        CheckList(context, definition.Activities.Select(a => a.Id).ToList(), "activities", "id", "Activity id");
    }

    private static void CheckList(ValidationContext context, IReadOnlyList<string> ids, string list, string member, string what)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            var pointer = $"/{list}/{i}/{member}";
            if (!IdRules.IsName(ids[i]))
                context.Add(pointer, "id.malformed", $"{what} '{ids[i]}' is not well-formed: use {IdRules.NameRule}.");
            else if (!first.TryAdd(ids[i], i))
                context.Add(pointer, "id.duplicate", $"{what} '{ids[i]}' is already used at /{list}/{first[ids[i]]}; ids must be unique.");
        }
    }
}
