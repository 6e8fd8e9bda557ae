namespace Pathway.Workflows.Validation.Rules;

/// <summary>
/// Each branch of a deferred choice starts with a blocking activity: the first branch to complete an activity
/// wins the race, so a branch that does not wait would win at once and the choice would not be deferred.
/// </summary>
internal static class DeferredChoiceRules
{
    public static void Check(ValidationContext context)
    {
        var activities = context.Definition.Activities;
        for (var i = 0; i < activities.Count; i++)
        {
            if (activities[i].Type != FlowTypes.DeferredChoice || !context.IsFirstDeclaration(i)) continue;
            foreach (var (k, connection) in context.Outgoing(activities[i].Id))
            {
                var target = context.Activities[connection.Target];
                if (context.Descriptors[target] is not { Blocking: false } descriptor) continue;
                var waiting = context.Catalog.All.Where(d => d.Blocking).Select(d => d.Type).Order(StringComparer.Ordinal);
                context.Add($"/connections/{k}/target", "deferred-choice.not-blocking",
                    $"Branch '{connection.Outcome}' of '{activities[i].Id}' starts with '{connection.Target}' ({descriptor.Type}), which does not wait: "
                    + $"start each branch with a waiting activity ({string.Join(", ", waiting)}).");
            }
        }
    }
}
