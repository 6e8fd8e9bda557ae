using Pathway.Workflows.ActivityModel;

namespace Pathway.Workflows.Validation.Rules;

/// <summary>
/// Each activity: its type exists, its inputs bind (names, required, types, durations, dates), its own
/// <see cref="Activity.Validate"/> passes, inputs that name things name declared ones, conditions and
/// expressions type-check, and its stage is declared. Fills <see cref="ValidationContext.Bound"/>.
/// </summary>
internal static class ActivityRules
{
    public static void Check(ValidationContext context)
    {
        var scope = new ValidationScope(context.Variables) { Partners = context.Partners };
        for (var i = 0; i < context.Definition.Activities.Count; i++)
        {
            var node = context.Definition.Activities[i];
            var pointer = $"/activities/{i}";
            CheckStage(context, node, pointer);
            if (context.Descriptors[i] is not { } descriptor)
            {
                context.Add(pointer + "/type", "activity.unknown-type",
                    $"Activity type '{node.Type}' does not exist; known types: {string.Join(", ", context.Catalog.All.Select(d => d.Type).Order(StringComparer.Ordinal))}.");
                continue;
            }

            var bound = context.Catalog.Bind(node);
            foreach (var problem in bound.Problems)
                context.Add(pointer + "/inputs" + problem.Pointer, problem.Code, problem.Message);
            context.Bound[i] = bound.Activity;
            if (bound.Activity is { } activity)
            {
                foreach (var problem in activity.Validate(scope))
                    context.Add(pointer + "/inputs" + problem.Pointer, problem.Code, problem.Message);
            }

            InputRules.Check(context, node, descriptor, pointer);
        }
    }

    private static void CheckStage(ValidationContext context, Definitions.ActivityNode node, string pointer)
    {
        var stages = context.Definition.Stages;
        if (node.Stage is null || stages.Count == 0 || stages.Any(s => s.Id == node.Stage)) return;
        context.Add(pointer + "/stage", "stage.unknown",
            $"Stage '{node.Stage}' is not declared; declared stages: {string.Join(", ", stages.Select(s => s.Id))}.");
    }
}
