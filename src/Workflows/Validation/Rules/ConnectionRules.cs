namespace Pathway.Workflows.Validation.Rules;

/// <summary>
/// Connections join existing activities on outcomes those activities have, one connection per outcome, every
/// outcome connected, and nothing leads back into the Start; there is exactly one Start.
/// </summary>
internal static class ConnectionRules
{
    public static void Check(ValidationContext context)
    {
        var connections = context.Definition.Connections;
        var taken = new Dictionary<(string, string), int>();
        for (var k = 0; k < connections.Count; k++)
        {
            var connection = connections[k];
            var pointer = $"/connections/{k}";
            var sourceKnown = context.Activities.TryGetValue(connection.Source, out var source);
            if (!sourceKnown)
                context.Add(pointer + "/source", "connection.unknown-source", $"Source '{connection.Source}' is not an activity of this definition.");
            if (!context.Activities.TryGetValue(connection.Target, out var target))
                context.Add(pointer + "/target", "connection.unknown-target", $"Target '{connection.Target}' is not an activity of this definition.");
            else if (context.Definition.Activities[target].Type == FlowTypes.Start)
                context.Add(pointer + "/target", "connection.into-start",
                    $"Connection goes back to the Start '{connection.Target}'; a Start has no incoming connection (loop back to the activity after it).");
            if (!sourceKnown) continue;

            if (context.OutcomesOf(source) is { } outcomes && !outcomes.Contains(connection.Outcome))
                context.Add(pointer + "/outcome", "connection.unknown-outcome", UnknownOutcome(context, source, connection.Outcome, outcomes));
            else if (!taken.TryAdd((connection.Source, connection.Outcome), k))
                context.Add(pointer, "connection.duplicate-outcome",
                    $"Outcome '{connection.Outcome}' of '{connection.Source}' is already connected at /connections/{taken[(connection.Source, connection.Outcome)]}; "
                    + "an outcome leads to one activity: use a Fork to start parallel branches.");
        }

        CheckEveryOutcomeConnected(context, taken);
        CheckSingleStart(context);
    }

    private static string UnknownOutcome(ValidationContext context, int source, string outcome, IReadOnlyList<string> outcomes)
    {
        var node = context.Definition.Activities[source];
        return outcomes.Count == 0
            ? $"Activity '{node.Id}' ({node.Type}) has no outcome, so no connection can leave it."
            : $"Activity '{node.Id}' ({node.Type}) has no outcome '{outcome}'; its outcomes are: {string.Join(", ", outcomes)}.";
    }

    private static void CheckEveryOutcomeConnected(ValidationContext context, Dictionary<(string, string), int> taken)
    {
        for (var i = 0; i < context.Definition.Activities.Count; i++)
        {
            if (!context.IsFirstDeclaration(i) || context.OutcomesOf(i) is not { } outcomes) continue;
            var id = context.Definition.Activities[i].Id;
            foreach (var outcome in outcomes.Where(o => !taken.ContainsKey((id, o))))
                context.Add($"/activities/{i}", "activity.outcome-not-connected",
                    $"Outcome '{outcome}' of activity '{id}' is not connected: add a connection from it.");
        }
    }

    private static void CheckSingleStart(ValidationContext context)
    {
        var starts = Enumerable.Range(0, context.Definition.Activities.Count)
            .Where(i => context.Definition.Activities[i].Type == FlowTypes.Start).ToList();
        if (starts.Count == 0)
            context.Add("/activities", "start.missing", "The definition has no Start activity; add one where files begin.");
        foreach (var extra in starts.Skip(1))
            context.Add($"/activities/{extra}", "start.duplicate",
                $"Activity '{context.Definition.Activities[extra].Id}' is a second Start; a definition has exactly one, '{context.Definition.Activities[starts[0]].Id}'.");
    }
}
