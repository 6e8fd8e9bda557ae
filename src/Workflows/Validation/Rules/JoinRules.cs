using System.Text.Json;

namespace Pathway.Workflows.Validation.Rules;

/// <summary>
/// A Join closes the scope its split opened, so the graph must be shaped for that (docs/definitions.md,
/// "Joins"). The <em>branches</em> of a split F joined by J are the activities reachable from F without
/// passing through J. Then: J names a Fork or a Switch in mode <c>all</c>, and no other join names it; every
/// connection into J comes from F or its branches; the branches are entered only through F, from outside
/// (no jump in, no loop back to F while they are open); and a split inside the branches is closed, or its
/// own branches end, before they reach J. That a branch may end instead of reaching J is allowed, and a
/// branch that can do neither is caught by <see cref="ReachabilityRules"/>.
/// </summary>
internal static class JoinRules
{
    public static void Check(ValidationContext context)
    {
        var joins = new Dictionary<string, string>(StringComparer.Ordinal);
        var activities = context.Definition.Activities;
        for (var j = 0; j < activities.Count; j++)
        {
            var join = activities[j];
            if (join.Type != FlowTypes.Join || !context.IsFirstDeclaration(j)) continue;
            if (join.Inputs["fork"] is not { } value || value.GetValueKind() != JsonValueKind.String) continue;
            var fork = value.GetValue<string>();
            var pointer = $"/activities/{j}/inputs/fork";
            if (!context.Activities.TryGetValue(fork, out var f)) continue;

            if (NotASplit(context, join.Id, fork, f) is { } problem)
                context.Add(pointer, "join.not-a-split", problem);
            else if (!joins.TryAdd(fork, join.Id))
                context.Add(pointer, "join.duplicate", $"Split '{fork}' is already joined by '{joins[fork]}'; a split has a single join.");
        }

        // A split whose branches cross an outer join also leaks past it, and every connection around that join
        // would look like a jump into its branches: the crossing is the one mistake to report.
        var branches = joins.ToDictionary(p => p.Key, p => context.Reachable(p.Key, stop: p.Value), StringComparer.Ordinal);
        var crossed = joins.SelectMany(p => CheckNesting(context, p.Key, p.Value, branches[p.Key], joins)).ToHashSet(StringComparer.Ordinal);
        foreach (var (fork, join) in joins.Where(p => !crossed.Contains(p.Key)))
            CheckEntries(context, fork, join, branches[fork]);
    }

    private static string? NotASplit(ValidationContext context, string join, string fork, int index)
    {
        if (fork == join)
            return $"Join '{join}' names itself; name the Fork or Switch (mode 'all') whose branches it brings together.";
        if (context.IsSynchronizingSplit(index)) return null;
        var type = context.Definition.Activities[index].Type;
        var hint = type switch
        {
            FlowTypes.Switch => ", a Switch in mode 'first' that starts a single branch: set its mode to 'all', or remove the join",
            FlowTypes.DeferredChoice => ", a DeferredChoice whose losing branches are withdrawn: it needs no join",
            _ => $", a {type}; name the Fork or Switch (mode 'all') whose branches it brings together",
        };
        return $"Join '{join}' names '{fork}'{hint}.";
    }

    private static void CheckEntries(ValidationContext context, string fork, string join, HashSet<string> branches)
    {
        foreach (var (k, connection) in context.Incoming(join))
        {
            if (connection.Source != fork && !branches.Contains(connection.Source))
                context.Add($"/connections/{k}", "join.foreign-branch",
                    $"'{connection.Source}' is not on a branch of '{fork}' yet leads to its join '{join}': a join only brings together the branches of its own split.");
        }

        foreach (var target in branches)
        {
            foreach (var (k, connection) in context.Incoming(target))
            {
                var inside = connection.Source == fork || branches.Contains(connection.Source);
                if (target == fork && inside)
                    context.Add($"/connections/{k}", "join.loop-to-split",
                        $"'{connection.Source}' leads back to '{fork}' while its branches are still open; loop back after the join '{join}' instead.");
                else if (target != fork && !inside)
                    context.Add($"/connections/{k}", "join.jump-into-branches",
                        $"'{connection.Source}' jumps into the branches of '{fork}' (at '{target}'); they can only be entered through '{fork}'.");
            }
        }
    }

    /// <returns>The splits found crossing <paramref name="join"/>.</returns>
    private static IEnumerable<string> CheckNesting(ValidationContext context, string fork, string join, HashSet<string> branches,
        Dictionary<string, string> joins)
    {
        foreach (var inner in branches.Where(id => id != fork && context.IsSynchronizingSplit(context.Activities[id])))
        {
            var ownJoin = joins.GetValueOrDefault(inner);
            if (!context.Reachable(inner, stop: ownJoin).Contains(join)) continue;
            context.Add($"/activities/{context.Activities[inner]}", "join.crossed", ownJoin is null
                ? $"Branches of '{inner}' reach the join '{join}' of '{fork}' but have no join of their own: add a join naming '{inner}' before '{join}', or end them."
                : $"Branches of '{inner}' reach the join '{join}' of '{fork}' before their own join '{ownJoin}': splits must nest, so join '{inner}' first.");
            yield return inner;
        }
    }
}
