using System.Text.Json.Nodes;

namespace Pathway.Workflows.Runtime;

/// <summary>
/// Something that advances a file. Every stimulus carries an id: applying the same id twice to a file is a
/// no-op, so redelivered messages and re-fired timers are harmless. <see cref="Actor"/> says who or what sent it
/// (a user id, a partner id, <c>system:timer</c>), and is written on every journal entry it causes.
/// </summary>
public abstract record Stimulus(string Id, string Actor)
{
    /// <summary>Short name written in the journal.</summary>
    public abstract string Kind { get; }
}

/// <summary>Open a file on a definition version, with initial variable values.</summary>
public sealed record StartFile(string Id, string Actor, IReadOnlyDictionary<string, JsonNode?>? Variables = null)
    : Stimulus(Id, Actor)
{
    public override string Kind => "start";
}

/// <summary>Wake the token parked on one bookmark: a reply to a task, a timer that fired.</summary>
public sealed record ResumeBookmark(string Id, string Actor, Guid BookmarkId, JsonObject? Payload = null)
    : Stimulus(Id, Actor)
{
    public override string Kind => "resume";
}

/// <summary>A named event for this file: wakes every token waiting for that event and correlation key.</summary>
public sealed record RaiseEvent(string Id, string Actor, string EventName, string CorrelationKey, JsonObject? Payload = null)
    : Stimulus(Id, Actor)
{
    public override string Kind => "event";
}

/// <summary>Withdraw the waiting activity <see cref="ActivityId"/> (cancel task); the rest of the file goes on.</summary>
public sealed record CancelActivity(string Id, string Actor, string ActivityId, string Reason)
    : Stimulus(Id, Actor)
{
    public override string Kind => "cancel-activity";
}

/// <summary>Withdraw every token and close the file as cancelled (cancel case).</summary>
public sealed record CancelFile(string Id, string Actor, string Reason) : Stimulus(Id, Actor)
{
    public override string Kind => "cancel-file";
}
