namespace Pathway.Workflows.Validation;

/// <summary>
/// How large a definition may be, checked at load and publish (<c>definition.*</c> and <c>condition.too-*</c>
/// codes). Generous for real pathways — the departmental protocol's v2 has 119 activities, 173 connections and
/// rules of at most 5 nodes — and small enough that one activity run never spends more than a sliver of a
/// stimulus's <see cref="Runtime.StepBudget"/>, nor one pass through the whole definition more than a fraction of
/// it: only repetition (a loop, a merge of parallel branches) can exhaust it (docs/definitions.md, "Size limits").
/// </summary>
public static class DefinitionLimits
{
    /// <summary>Eight times the protocol's 119; the designer stays responsive well beyond (docs/performance.md).</summary>
    public const int MaxActivities = 1_000;

    /// <summary>Eleven times the protocol's 173.</summary>
    public const int MaxConnections = 2_000;

    /// <summary>
    /// The JSON Logic of one activity — its condition, its expressions, all the cases of a Switch — counted in
    /// JSON values (operations, arrays and literals, a variable's name included). A rule evaluates each node at
    /// most once, so one activity run costs at most this many units: 0.5 % of the budget. Two hundred times the
    /// protocol's largest rule.
    /// </summary>
    public const int MaxLogicNodesPerActivity = 1_000;

    /// <summary>All the JSON Logic of a definition: one pass through every activity then costs at most this
    /// plus the activity runs, a tenth of the budget.</summary>
    public const int MaxLogicNodesPerDefinition = 20_000;

    /// <summary>How deeply a rule nests (a literal is 1, <c>{"var": "age"}</c> is 2): eight times the
    /// protocol's 4, and far from what would strain the evaluator's recursion.</summary>
    public const int MaxLogicDepth = 32;
}
