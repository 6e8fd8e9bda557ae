using System.Globalization;

namespace Pathway.Workflows.Runtime;

/// <summary>
/// What one stimulus may cost a file. Every activity run and every JSON Logic node evaluated is charged in work
/// units against one budget per stimulus; a step that would spend more faults the file, so that no step holds a
/// core for long, whatever the definition (docs/engine.md, "The step budget"). A unit is about the CPU of
/// visiting one JSON Logic node: 0.1 to 0.2 µs on the reference machine (docs/performance.md).
/// </summary>
public sealed class StepBudget
{
    /// <summary>
    /// Units per stimulus. A counter loop of 5,000 iterations (a Decision and a SetVariable, three nodes each)
    /// costs 5,000 × 26 = 130,000: legitimate automatic loops fit with room to spare. The worst a step can do with
    /// the whole budget (on activity runs, on nodes, on text) measures under 0.1 s on the reference machine, a
    /// tenth of the one-second bound a step must stay under.
    /// </summary>
    public const int UnitsPerStimulus = 200_000;

    /// <summary>
    /// An activity run (Execute, Resume or Withdrawn) journals at least two lines and allocates: measured at 10
    /// to 30 node visits of CPU. Charged 10 so that a 5,000-iteration loop fits; the bound holds either way
    /// (20,000 activity runs take well under 0.1 s).
    /// </summary>
    public const int ActivityRunUnits = 10;

    /// <summary>
    /// An activity run also pays for the interpreter's bookkeeping, which walks the file's tokens (to find and
    /// remove one: about 1 ns each) and the scopes its token is in (races and splits look each up: about 30 ns).
    /// Both are a handful in real pathways, which pay nothing for them; a split that multiplies tokens, or a loop
    /// through a split that nests scopes deeper at each turn, pays one unit per 32 tokens and per 4 scopes.
    /// </summary>
    public const int TokensPerUnit = 32;

    /// <inheritdoc cref="TokensPerUnit"/>
    public const int ScopesPerUnit = 4;

    /// <summary>
    /// A text a JSON Logic node gives (a variable read, <c>cat</c>, <c>substr</c>) costs one more unit per 32
    /// characters: building or copying text costs about 2 ns per character, so a loop doubling a text with
    /// <c>cat</c> runs out of budget long before it runs out of memory.
    /// </summary>
    public const int TextCharactersPerUnit = 32;

    /// <summary>
    /// <c>in</c> on two texts searches the needle in the haystack; .NET's search is vectorized but, on adversarial
    /// texts, quadratic: 0.02 to 0.06 ns per (haystack, needle) character pair, measured. One unit per 4,096 pairs:
    /// searching a word in a note is cheap, a 32,000-character needle in a 64,000-character text exceeds the budget.
    /// </summary>
    public const int SearchedPairsPerUnit = 4_096;

    private long _spent;

    /// <param name="units">Units this stimulus may spend; tests lower it to reach the limit quickly.</param>
    public StepBudget(int units = UnitsPerStimulus)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        Units = units;
    }

    /// <summary>What may be spent.</summary>
    public int Units { get; }

    /// <summary>What has been spent so far.</summary>
    public long Spent => _spent;

    /// <summary>One activity run, with the bookkeeping of the file's <paramref name="tokens"/> and of the
    /// <paramref name="scopeDepth"/> of the token it runs for.</summary>
    internal void ChargeActivityRun(int tokens, int scopeDepth) =>
        Charge(ActivityRunUnits + tokens / TokensPerUnit + scopeDepth / ScopesPerUnit);

    /// <summary>One JSON Logic node evaluated, which gave a text of <paramref name="textLength"/> characters (0 for
    /// anything else).</summary>
    internal void ChargeLogicNode(int textLength) => Charge(1 + textLength / TextCharactersPerUnit);

    /// <summary>A search of a text in another.</summary>
    internal void ChargeTextSearch(int haystackLength, int needleLength) =>
        Charge((long)haystackLength * needleLength / SearchedPairsPerUnit);

    private void Charge(long units)
    {
        _spent += units;
        if (_spent > Units) throw new StepBudgetExceededException(Units);
    }
}

/// <summary>A stimulus spent its <see cref="StepBudget"/>; the interpreter faults the file with this message.</summary>
public sealed class StepBudgetExceededException(int units) : Exception(string.Create(CultureInfo.InvariantCulture,
    $"more than {units:N0} work units in one stimulus (an endless loop, or a loop over too large a condition?)"))
{
    public int Units { get; } = units;
}
