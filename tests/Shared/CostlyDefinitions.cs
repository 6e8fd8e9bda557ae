using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;

namespace Pathway.Testing;

/// <summary>
/// Definitions that cost a step much work, each valid: what the step budget must let through (a counter loop)
/// and what it must stop (endless loops, loops over large conditions, texts that grow, splits that multiply).
/// Shared by the budget tests and the budget benchmark (tests/Shared).
/// </summary>
internal static class CostlyDefinitions
{
    /// <summary>Counts <c>i</c> from 0 to <paramref name="iterations"/>: a Decision and a SetVariable, three nodes
    /// visited each, per iteration.</summary>
    public static WorkflowDefinition CounterLoop(int iterations) =>
        Loop("counter-loop", Rule($$"""{"<": [{"var": "i"}, {{iterations}}]}"""));

    /// <summary>The counter loop with an exit condition that never holds.</summary>
    public static WorkflowDefinition EndlessLoop() => Loop("endless-loop", Rule("""{">=": [{"var": "i"}, 0]}"""));

    /// <summary>Loops for as long as <paramref name="condition"/> holds, counting in <c>i</c>.</summary>
    public static WorkflowDefinition Loop(string id, JsonNode condition) => Build(id,
        [Number("i")],
        [
            Node("start", "Start"),
            Node("more", "Decision", new JsonObject { ["condition"] = condition }),
            Node("count", "SetVariable", new JsonObject { ["variable"] = "i", ["value"] = Rule("""{"+": [{"var": "i"}, 1]}""") }),
            Node("end", "End"),
        ],
        [("start", "done", "more"), ("more", "true", "count"), ("count", "done", "more"), ("more", "false", "end")]);

    /// <summary>
    /// A condition of exactly <paramref name="nodes"/> JSON values (at least 3) that is never true while the
    /// number <paramref name="variable"/> is ≥ 0, so that <c>or</c> evaluates all of it:
    /// <c>{"or": [{"==": [{"var": "i"}, -1]}, …, false]}</c>, each comparison five values, each <c>false</c> one.
    /// </summary>
    public static JsonNode FalseCondition(int nodes, string variable = "i")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 3);
        var terms = new JsonArray();
        var remaining = nodes - 2; // the "or" object and its array
        for (var k = 1; remaining >= 5; k++, remaining -= 5) terms.Add(Rule($$"""{"==": [{"var": "{{variable}}"}, {{-k}}]}"""));
        for (; remaining > 0; remaining--) terms.Add(false);
        return new JsonObject { ["or"] = terms };
    }

    /// <summary>A loop whose exit condition is <see cref="FalseCondition"/>: it only ends by the budget.</summary>
    public static WorkflowDefinition LoopOverCondition(int nodes)
    {
        var loop = Loop("loop-over-condition", FalseCondition(nodes));
        // Exit when the condition holds, so the loop goes on while it does not.
        return loop with
        {
            Connections = Connections([("start", "done", "more"), ("more", "false", "count"), ("count", "done", "more"), ("more", "true", "end")]),
        };
    }

    /// <summary>Doubles a text at each turn (<c>t = cat(t, t)</c>) for ever.</summary>
    public static WorkflowDefinition DoublingText() => Build("doubling-text",
        [Number("i"), new VariableDefinition { Name = "t", Type = VariableType.Text, Default = "ab" }],
        [
            Node("start", "Start"),
            Node("more", "Decision", new JsonObject { ["condition"] = Rule("""{">=": [{"var": "i"}, 0]}""") }),
            Node("double", "SetVariable", new JsonObject { ["variable"] = "t", ["value"] = Rule("""{"cat": [{"var": "t"}, {"var": "t"}]}""") }),
            Node("end", "End"),
        ],
        [("start", "done", "more"), ("more", "true", "double"), ("double", "done", "more"), ("more", "false", "end")]);

    /// <summary>Searches <c>needle</c> in <c>haystack</c> (two text variables given at start) for ever.</summary>
    public static WorkflowDefinition SearchLoop() => Build("search-loop",
        [Number("i"), Text("needle"), Text("haystack")],
        [
            Node("start", "Start"),
            Node("found", "Decision", new JsonObject { ["condition"] = Rule("""{"in": [{"var": "needle"}, {"var": "haystack"}]}""") }),
            Node("end", "End"),
        ],
        [("start", "done", "found"), ("found", "false", "found"), ("found", "true", "end")]);

    /// <summary>A needle that .NET's substring search compares almost whole at almost every place of the
    /// haystack, and never finds: its worst case, quadratic.</summary>
    public static (string Needle, string Haystack) AdversarialSearch(int haystack, int needle)
    {
        var block = new string('a', needle - 1) + "b";
        return (new string('a', needle), string.Concat(Enumerable.Repeat(block, haystack / needle)));
    }

    /// <summary>
    /// <paramref name="forks"/> Forks in a row, both branches of each going to the next (a multi-merge): the
    /// tokens double at each, 2^<paramref name="forks"/> reach the End. Acyclic, and valid.
    /// </summary>
    public static WorkflowDefinition MultiplyingForks(int forks)
    {
        var activities = new List<ActivityNode> { Node("start", "Start") };
        var connections = new List<(string, string, string)>();
        var previous = new[] { ("start", "done") };
        for (var i = 0; i < forks; i++)
        {
            activities.Add(Node($"fork-{i}", "Fork", new JsonObject { ["branches"] = new JsonArray("a", "b") }));
            connections.AddRange(previous.Select(p => (p.Item1, p.Item2, $"fork-{i}")));
            previous = [($"fork-{i}", "a"), ($"fork-{i}", "b")];
        }

        activities.Add(Node("end", "End"));
        connections.AddRange(previous.Select(p => (p.Item1, p.Item2, "end")));
        return Build("multiplying-forks", [], [.. activities], [.. connections]);
    }

    /// <summary>A counter loop through a Fork whose other branch ends: each turn nests the token one scope deeper.</summary>
    public static WorkflowDefinition LoopThroughSplit(int iterations) => Build("loop-through-split",
        [Number("i")],
        [
            Node("start", "Start"),
            Node("fork", "Fork", new JsonObject { ["branches"] = new JsonArray("side", "loop") }),
            Node("side-end", "End"),
            Node("count", "SetVariable", new JsonObject { ["variable"] = "i", ["value"] = Rule("""{"+": [{"var": "i"}, 1]}""") }),
            Node("more", "Decision", new JsonObject { ["condition"] = Rule($$"""{"<": [{"var": "i"}, {{iterations}}]}""") }),
            Node("end", "End"),
        ],
        [("start", "done", "fork"), ("fork", "side", "side-end"), ("fork", "loop", "count"), ("count", "done", "more"),
            ("more", "true", "fork"), ("more", "false", "end")]);

    /// <summary>
    /// One Switch whose cases hold <paramref name="nodes"/> JSON Logic values in all, none true: the costliest
    /// single activity run the size limits allow when <paramref name="nodes"/> is their per-activity limit.
    /// </summary>
    public static WorkflowDefinition HeaviestActivity(int nodes)
    {
        const int PerCase = 100;
        var cases = new JsonArray();
        for (var remaining = nodes; remaining > 0; remaining -= PerCase)
            cases.Add(new JsonObject { ["outcome"] = $"case-{cases.Count}", ["condition"] = FalseCondition(Math.Min(PerCase, Math.Max(remaining, 3))) });
        var connections = new List<(string, string, string)> { ("start", "done", "switch"), ("switch", "default", "end") };
        connections.AddRange(cases.Select(c => ("switch", (string)c!["outcome"]!, "end")));
        return Build("heaviest-activity", [Number("i")],
            [Node("start", "Start"), Node("switch", "Switch", new JsonObject { ["cases"] = cases }), Node("end", "End")],
            [.. connections]);
    }

    /// <summary>
    /// As large as the size limits allow, and run once through in one stimulus: a chain of SetVariables, then a
    /// Fork into as many branches as fit, each a Decision over a condition of <paramref name="conditionNodes"/>.
    /// </summary>
    public static WorkflowDefinition Widest(int activities, int connections, int logicNodes, int conditionNodes)
    {
        // activities = start + chain + fork + branches + end; connections = 1 + chain + branches + 2 × branches;
        // logic = chain (one literal each) + branches × conditionNodes.
        var branches = (activities - 3) / 2;
        while (branches > 0 && (3 * branches + (activities - 3 - branches) + 1 > connections
                                 || branches * conditionNodes + (activities - 3 - branches) > logicNodes))
            branches--;
        var chain = activities - 3 - branches;

        var nodes = new List<ActivityNode> { Node("start", "Start") };
        var links = new List<(string, string, string)>();
        var previous = "start";
        for (var i = 0; i < chain; i++)
        {
            nodes.Add(Node($"set-{i}", "SetVariable", new JsonObject { ["variable"] = "i", ["value"] = 0 }));
            links.Add((previous, "done", $"set-{i}"));
            previous = $"set-{i}";
        }

        var outcomes = Enumerable.Range(0, branches).Select(b => (JsonNode?)$"b{b}").ToArray();
        nodes.Add(Node("fork", "Fork", new JsonObject { ["branches"] = new JsonArray(outcomes) }));
        links.Add((previous, "done", "fork"));
        for (var b = 0; b < branches; b++)
        {
            nodes.Add(Node($"check-{b}", "Decision", new JsonObject { ["condition"] = FalseCondition(conditionNodes) }));
            links.AddRange([("fork", $"b{b}", $"check-{b}"), ($"check-{b}", "true", "end"), ($"check-{b}", "false", "end")]);
        }

        nodes.Add(Node("end", "End"));
        return Build("widest", [Number("i")], [.. nodes], [.. links]);
    }

    public static JsonNode Rule(string json) => JsonNode.Parse(json)!;

    private static VariableDefinition Number(string name) => new() { Name = name, Type = VariableType.Number, Default = 0 };

    private static VariableDefinition Text(string name) => new() { Name = name, Type = VariableType.Text };

    private static ActivityNode Node(string id, string type, JsonObject? inputs = null) =>
        new() { Id = id, Type = type, Inputs = inputs ?? new JsonObject() };

    private static WorkflowDefinition Build(string id, VariableDefinition[] variables, ActivityNode[] activities,
        (string Source, string Outcome, string Target)[] connections) =>
        new() { Id = id, Version = 1, Name = id, Variables = variables, Activities = activities, Connections = Connections(connections) };

    private static List<Connection> Connections((string Source, string Outcome, string Target)[] connections) =>
        connections.Select(c => new Connection { Source = c.Source, Outcome = c.Outcome, Target = c.Target }).ToList();
}
