namespace Pathway.Workflows.Runtime;

/// <summary>
/// What applying one stimulus produced: the new state, the journal lines and the effects, all to be committed
/// together. <see cref="IgnoredBecause"/> is set when the stimulus found nothing to act on (a timer for a task
/// already answered, an event nobody waits for): the state is unchanged, but the stimulus still counts as applied.
/// </summary>
public sealed record StepResult(
    FileState State,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Effect> Effects,
    string? IgnoredBecause = null)
{
    public bool Ignored => IgnoredBecause is not null;

    /// <summary>What the step spent of its <see cref="StepBudget"/> (0 when ignored).</summary>
    public long WorkUnits { get; init; }

    /// <summary>The facts about tasks and escalations the step's activities stated, in order, stamped with the
    /// activity, the time and the actor; applied to the <c>tasks</c> and <c>escalations</c> tables with the state.</summary>
    public IReadOnlyList<ActivityModel.ActivityRecord> Records { get; init; } = [];
}
