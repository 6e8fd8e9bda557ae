namespace Pathway.Workflows.Validation.Rules;

/// <summary>
/// Every activity can be reached from the Start, and from every reachable activity some path leads to an End:
/// otherwise a file could stall there for ever. Cycles are allowed as long as they have a way out.
/// </summary>
internal static class ReachabilityRules
{
    public static void Check(ValidationContext context)
    {
        var activities = context.Definition.Activities;
        var start = activities.FirstOrDefault(a => a.Type == FlowTypes.Start);
        if (start is null) return;

        var reachable = context.Reachable(start.Id);
        reachable.Add(start.Id);
        var ending = CanReachAnEnd(context);
        for (var i = 0; i < activities.Count; i++)
        {
            var id = activities[i].Id;
            if (!context.IsFirstDeclaration(i)) continue;
            if (!reachable.Contains(id))
                context.Add($"/activities/{i}", "flow.unreachable", $"Activity '{id}' cannot be reached from the start.");
            // An activity of unknown type already has its error; whether it ends a branch is unknowable.
            else if (!ending.Contains(id) && context.Descriptors[i] is not null)
                context.Add($"/activities/{i}", "flow.cannot-reach-end", $"Activity '{id}' can never reach an end: the file would stall.");
        }
    }

    private static HashSet<string> CanReachAnEnd(ValidationContext context)
    {
        var activities = context.Definition.Activities;
        var ending = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Enumerable.Range(0, activities.Count).Where(context.IsEnd).Select(i => activities[i].Id));
        while (pending.TryPop(out var id))
        {
            if (!ending.Add(id)) continue;
            foreach (var (_, connection) in context.Incoming(id)) pending.Push(connection.Source);
        }

        return ending;
    }
}
