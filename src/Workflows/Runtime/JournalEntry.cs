using NodaTime;
using System.Text.Json.Nodes;

namespace Pathway.Workflows.Runtime;

/// <summary>One line of a file's append-only journal. Time is UTC; <see cref="Actor"/> is who caused it.</summary>
public sealed record JournalEntry
{
    public required Instant At { get; init; }

    public required string Actor { get; init; }

    public required string Kind { get; init; }

    public string? StimulusId { get; init; }

    public string? ActivityId { get; init; }

    public string? TokenId { get; init; }

    /// <summary>Details of the entry (outcome, variable and value, effect id…).</summary>
    public JsonObject? Data { get; init; }
}

/// <summary>The kinds of journal entries.</summary>
public static class JournalKinds
{
    public const string StimulusReceived = "stimulus.received";
    public const string FileStarted = "file.started";
    public const string ActivityEntered = "activity.entered";
    /// <summary>An activity completed; its data names the outcome taken and the next activity.</summary>
    public const string ActivityCompleted = "activity.completed";
    public const string ActivityWaiting = "activity.waiting";
    public const string ActivityResumed = "activity.resumed";
    public const string ActivityWithdrawn = "activity.withdrawn";
    public const string BranchesSplit = "branches.split";
    public const string JoinArrived = "join.arrived";
    public const string VariableChanged = "variable.changed";
    public const string EffectEmitted = "effect.emitted";
    public const string FileCompleted = "file.completed";
    public const string FileCancelled = "file.cancelled";
    public const string FileFaulted = "file.faulted";
}
