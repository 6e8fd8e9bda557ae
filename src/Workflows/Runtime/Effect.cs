using NodaTime;
using System.Text.Json.Nodes;

namespace Pathway.Workflows.Runtime;

/// <summary>
/// Something to do outside the engine once the file's new state is committed: a message to a partner, a timer
/// to set or cancel. Effects are written as outbox rows in the same transaction as the state, then sent by the
/// host; <see cref="MessageId"/> stays the same on every retry so receivers can drop duplicates.
/// </summary>
public sealed record Effect
{
    public required Guid MessageId { get; init; }

    /// <summary>What to do, e.g. <see cref="EffectKinds.ScheduleTimer"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where it goes (a partner id, a queue); null for engine-internal effects such as timers.</summary>
    public string? Destination { get; init; }

    /// <summary>For timers: when to fire.</summary>
    public Instant? DueAt { get; init; }

    public JsonObject Payload { get; init; } = new();
}

public static class EffectKinds
{
    /// <summary>Fire <c>ResumeBookmark(bookmarkId)</c> at <see cref="Effect.DueAt"/>.</summary>
    public const string ScheduleTimer = "timer.schedule";
    /// <summary>Forget the timer of a bookmark that is gone.</summary>
    public const string CancelTimer = "timer.cancel";
}
