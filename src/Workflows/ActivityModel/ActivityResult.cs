using NodaTime;
using System.Text.Json.Nodes;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// What an activity asks the interpreter to do with the token that ran it. Activities describe; the
/// interpreter alone moves, splits, joins, parks and withdraws tokens.
/// </summary>
public abstract record ActivityResult
{
    /// <summary>Continue on the connection of one outcome (sequence, exclusive choice).</summary>
    public static ActivityResult Outcome(string outcome) => new TakeOutcome(outcome);

    /// <summary>Continue on several outcomes at once, one token each, opening a scope that a
    /// <c>Join</c> naming this activity closes (parallel split, multi-choice).</summary>
    public static ActivityResult Split(IReadOnlyList<string> outcomes) => new SplitTokens(outcomes, IsRace: false);

    /// <summary>Start one token per outcome; the first branch to complete an activity wins and the others are
    /// withdrawn (deferred choice).</summary>
    public static ActivityResult FirstOf(IReadOnlyList<string> outcomes) => new SplitTokens(outcomes, IsRace: true);

    /// <summary>Arrive at the join closing the scope opened by <paramref name="splitActivityId"/>.</summary>
    public static ActivityResult Synchronize(string splitActivityId, JoinMode mode, bool cancelRemaining) =>
        new JoinTokens(splitActivityId, mode, cancelRemaining);

    /// <summary>Park the token until one of these bookmarks is resumed; the first resumed wins, the others go.
    /// From <see cref="Activity.Resume"/>, this is the whole new set: a request whose <see cref="BookmarkRequest.Id"/>
    /// names a bookmark the token already had (the resumed one included) keeps that bookmark, with the request's
    /// due time and data; bookmarks not asked for again go, and their timers are cancelled.</summary>
    public static ActivityResult Wait(params BookmarkRequest[] bookmarks) => new WaitOn(bookmarks);

    /// <inheritdoc cref="Wait(BookmarkRequest[])"/>
    public static ActivityResult Wait(IEnumerable<BookmarkRequest> bookmarks) => new WaitOn(bookmarks.ToArray());

    /// <summary>Consume the token. With <paramref name="terminateFile"/>, withdraw every other token too.</summary>
    public static ActivityResult End(bool terminateFile = false) => new EndToken(terminateFile);

    public sealed record TakeOutcome(string Name) : ActivityResult;

    public sealed record SplitTokens(IReadOnlyList<string> Outcomes, bool IsRace) : ActivityResult;

    public sealed record JoinTokens(string SplitActivityId, JoinMode Mode, bool CancelRemaining) : ActivityResult;

    public sealed record WaitOn(IReadOnlyList<BookmarkRequest> Bookmarks) : ActivityResult;

    public sealed record EndToken(bool TerminateFile) : ActivityResult;
}

public enum JoinMode
{
    /// <summary>Wait for every live token of the split's scope (synchronization, structured synchronizing merge).</summary>
    All,
    /// <summary>Go on with the first token; later ones are absorbed (structured discriminator).</summary>
    First,
}

/// <summary>What a waiting activity waits for.</summary>
public enum BookmarkKind
{
    /// <summary>An answer addressed to this very bookmark (a partner's reply, an action on the file).</summary>
    Reply,
    /// <summary>A point in time.</summary>
    Timer,
    /// <summary>A named event with a correlation key (e.g. a runaway declared for this minor).</summary>
    Event,
}

/// <summary>A bookmark an activity asks for. <see cref="Outcome"/> is the outcome taken by default on resume;
/// <see cref="Data"/> is kept with the bookmark for the activity's own use on resume.</summary>
public sealed record BookmarkRequest
{
    /// <summary>Set by an activity that must name the bookmark before it exists (a task id sent to a partner), or
    /// to keep a bookmark it already has; otherwise the interpreter gives a new id.</summary>
    public Guid? Id { get; init; }

    public required BookmarkKind Kind { get; init; }

    /// <summary>For replies: who may answer (a partner id, or <c>role:</c> and a role of the registry).</summary>
    public string? Addressee { get; init; }

    public string? Outcome { get; init; }

    public Instant? DueAt { get; init; }

    public string? EventName { get; init; }

    public string? CorrelationKey { get; init; }

    /// <summary>A short name of what is awaited, for queries and the journal (e.g. "deadline", "reminder").</summary>
    public string? Purpose { get; init; }

    public JsonObject? Data { get; init; }

    public static BookmarkRequest Timer(Instant dueAt, string outcome, string? purpose = null) =>
        new() { Kind = BookmarkKind.Timer, DueAt = dueAt, Outcome = outcome, Purpose = purpose ?? "timer" };

    public static BookmarkRequest ForEvent(string eventName, string correlationKey, string outcome) =>
        new() { Kind = BookmarkKind.Event, EventName = eventName, CorrelationKey = correlationKey, Outcome = outcome, Purpose = "event" };

    public static BookmarkRequest ForReply(string outcome, string purpose, JsonObject? data = null) =>
        new() { Kind = BookmarkKind.Reply, Outcome = outcome, Purpose = purpose, Data = data };

    /// <summary>The same bookmark, asked for again (e.g. a task still open after a reminder).</summary>
    public static BookmarkRequest Again(Runtime.Bookmark bookmark) => new()
    {
        Id = bookmark.Id, Kind = bookmark.Kind, Addressee = bookmark.Addressee, Outcome = bookmark.Outcome, DueAt = bookmark.DueAt,
        EventName = bookmark.EventName, CorrelationKey = bookmark.CorrelationKey, Purpose = bookmark.Purpose,
        Data = bookmark.Data?.DeepClone().AsObject(),
    };
}
