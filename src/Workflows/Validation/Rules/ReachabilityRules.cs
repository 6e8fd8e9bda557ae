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
        // From every Start: a second Start is its own error, not a reason to call what follows it unreachable.
        var starts = activities.Where(a => a.Type == FlowTypes.Start).Select(a => a.Id).ToList();
        if (starts.Count == 0) return;

        var reachable = starts.SelectMany(s => context.Reachable(s)).Concat(starts).ToHashSet(StringComparer.Ordinal);
        var ending = CanReachAnEnd(context);
        for (var i = 0; i < activities.Count; i++)
        {
            var id = activities[i].Id;
            if (!context.IsFirstDeclaration(i)) continue;
            if (!reachable.Contains(id))
                context.Add($"/activities/{i}", "flow.unreachable", $"Activity '{id}' cannot be reached from the start.");
            else if (!ending.Contains(id))
                context.Add($"/activities/{i}", "flow.cannot-reach-end", $"Activity '{id}' can never reach an end: the file would stall.");
        }
    }

    private static HashSet<string> CanReachAnEnd(ValidationContext context)
    {
        var activities = context.Definition.Activities;
        var ending = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Enumerable.Range(0, activities.Count).Where(i => MayEnd(context, i)).Select(i => activities[i].Id));
        while (pending.TryPop(out var id))
        {
            if (!ending.Add(id)) continue;
            foreach (var (_, connection) in context.Incoming(id)) pending.Push(connection.Source);
        }

        return ending;
    }

    /// <summary>
    /// An End, or an activity whose fate is unknown because it already has an error (its type does not exist,
    /// or a connection leaves it for an activity that does not exist): not reported a second time.
    /// </summary>
    private static bool MayEnd(ValidationContext context, int index)
    {
        var id = context.Definition.Activities[index].Id;
        return context.IsEnd(index) || context.Descriptors[index] is null
               || context.Definition.Connections.Any(c => c.Source == id && !context.Activities.ContainsKey(c.Target));
    }
}
