using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Activities.Wording;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Activities.Tasks;

/// <summary>
/// The one place that decides how a stalled file reaches people: level 1 to the coordination, then, if nobody
/// handles it in time, level 2 to the ASE inspection. An escalation is itself a task addressed to a role: its
/// bookmark is the entry in the coordinator's inbox, and answering it (on the queue or from the console) is read
/// here (<see cref="Read"/>) into one of the coordinator's actions. Used by <see cref="PartnerTask"/> (a late
/// partner) and <see cref="Escalate"/>.
/// </summary>
internal static class Escalation
{
    public const string Purpose = EscalationBookmarks.Purpose;

    public const string RisePurpose = EscalationBookmarks.RisePurpose;

    public const string Resolved = EscalationOutcomes.Resolved;

    /// <summary>Raises a level-1 escalation; returns the bookmarks to wait on for it. The bookmarks keep the reason as a
    /// phrase (<see cref="EscalationReason"/>); the coordination's message says it in words, rendered now.</summary>
    public static IEnumerable<BookmarkRequest> Raise(ActivityContext context, string cause, Phrase reason, EscalatedTask? about, Period? riseAfter)
    {
        var risesAt = riseAfter is null ? (Instant?)null : Durations.Add(context.Now, riseAfter, context.Zone);
        var id = context.NewId();
        var said = French.Render(reason);
        Outgoing.Send(context, Addressee.OfRole(PartnerRoles.Coordination).ToString(), MessageTypes.EscalationRaised, new EscalationRaisedMessage
        {
            TaskId = id.ToString(), FileRef = context.FileId, Level = 1, Reason = said, RaisedAt = WireJson.Time(context.Now),
            RisesAt = WireJson.Time(risesAt), About = about,
        });
        context.Record(new EscalationRaised(id, Addressee.OfRole(PartnerRoles.Coordination).ToString(), cause, TaskIdOf(about), risesAt));
        var data = new JsonObject
        {
            ["level"] = 1, ["reason"] = reason.ToJson(), ["about"] = about is null ? null : WireJson.ToObject(about), ["cause"] = cause,
            ["escalationId"] = id.ToString(),
        };
        yield return new BookmarkRequest
        {
            Id = id, Kind = BookmarkKind.Reply, Purpose = Purpose, Addressee = Addressee.OfRole(PartnerRoles.Coordination).ToString(), Data = data,
        };
        if (risesAt is { } due)
            yield return BookmarkRequest.Timer(due, Resolved, RisePurpose) with { Data = data.DeepClone().AsObject() };
    }

    /// <summary>Nobody handled the escalation in time: the ASE inspection gets it too (level 2).</summary>
    public static BookmarkRequest Rise(ActivityContext context, Bookmark rise, IEnumerable<Bookmark> waiting)
    {
        // A timer set by an earlier version holds its reason as a sentence: it rises with that sentence.
        var reason = EscalationReason.Read(rise.Data?["reason"]).AtLevel(2);
        var said = French.Render(reason);
        var about = rise.Data?["about"] is JsonObject task ? System.Text.Json.JsonSerializer.Deserialize<EscalatedTask>(task, WireJson.Options) : null;
        var id = context.NewId();
        Outgoing.Send(context, Addressee.OfRole(PartnerRoles.Inspection).ToString(), MessageTypes.EscalationRaised, new EscalationRaisedMessage
        {
            TaskId = id.ToString(), FileRef = context.FileId, Level = 2, Reason = said, RaisedAt = WireJson.Time(context.Now), About = about,
        });
        // The level-1 escalation this one rises from: named in the timer's data, or (timers set before it was) the
        // token's level-1 escalation bookmark.
        var from = rise.Data?["escalationId"] is JsonValue named && Guid.TryParse(named.GetValue<string>(), out var fromId)
            ? fromId
            : waiting.FirstOrDefault(b => b.Purpose == Purpose && b.Data?["level"]?.GetValue<int>() == 1)?.Id ?? Guid.Empty;
        var cause = rise.Data?["cause"]?.GetValue<string>() ?? (about is null ? EscalationCauses.Definition : EscalationCauses.DeadlineMissed);
        context.Record(new EscalationRisen(id, from, Addressee.OfRole(PartnerRoles.Inspection).ToString(), cause, TaskIdOf(about)));
        return new BookmarkRequest
        {
            Id = id, Kind = BookmarkKind.Reply, Purpose = Purpose, Addressee = Addressee.OfRole(PartnerRoles.Inspection).ToString(),
            Data = new JsonObject { ["level"] = 2, ["reason"] = reason.ToJson(), ["about"] = rise.Data?["about"]?.DeepClone(), ["cause"] = cause },
        };
    }

    /// <summary>Tells whoever holds an open escalation among <paramref name="waiting"/> that it is over;
    /// <paramref name="reason"/> is a code of <see cref="ClosedReason"/>, said in words in the message.</summary>
    public static void Close(ActivityContext context, IEnumerable<Bookmark> waiting, string closure, string reason)
    {
        foreach (var open in waiting.Where(b => b.Purpose == Purpose))
        {
            Closed(context, open, closure);
            Outgoing.Send(context, open.Addressee!, MessageTypes.EscalationClosed, new EscalationClosedMessage
            {
                TaskId = open.Id.ToString(), FileRef = context.FileId, Reason = French.Render(Phrase.Of(reason)),
            });
        }
    }

    /// <summary>Records the end of the escalation <paramref name="answered"/>, the one whose holder just closed it (nobody to tell).</summary>
    public static void Closed(ActivityContext context, Bookmark answered, string closure) =>
        context.Record(new EscalationClosed(answered.Id, closure));

    private static Guid? TaskIdOf(EscalatedTask? about) => about?.TaskId is { } text && Guid.TryParse(text, out var id) ? id : null;

    /// <summary>
    /// What the coordinator's (or the inspector's) answer to an escalation means. <c>accepted</c> keeps it open and
    /// acknowledged (it does not rise), alone or with an action that leaves the escalation open: outcome
    /// <c>reminded</c> (the partner is reminded now) or <c>convened</c> (a « réunion flash »). <c>completed</c> closes it:
    /// outcome <c>resolved</c>, or, for an escalation about a partner's task, <c>extended</c> (more time) or
    /// <c>reassigned</c> (another partner takes the task). The engine has no registry: the host checks the partner ids
    /// an answer names before it reaches the engine.
    /// </summary>
    /// <exception cref="StimulusRejectedException">An answer that is none of these, or lacks what its action needs.</exception>
    public static EscalationAnswer Read(JsonObject? reply, bool aboutTask, Instant now)
    {
        var action = (Replies.Text(reply, "answer"), Replies.Text(reply, "outcome")) switch
        {
            (Answers.Accepted, null) => EscalationAction.Acknowledge,
            (Answers.Accepted, EscalationOutcomes.Reminded) => EscalationAction.Remind,
            (Answers.Accepted, EscalationOutcomes.Convened) => EscalationAction.Convene,
            (Answers.Completed, EscalationOutcomes.Resolved) => EscalationAction.Resolve,
            (Answers.Completed, EscalationOutcomes.Extended) => EscalationAction.Extend,
            (Answers.Completed, EscalationOutcomes.Reassigned) => EscalationAction.Reassign,
            _ => (EscalationAction?)null,
        };
        if (action is null || (!aboutTask && action is EscalationAction.Remind or EscalationAction.Extend or EscalationAction.Reassign))
            throw new StimulusRejectedException(aboutTask
                ? "An escalation is answered with accepted (alone, or with outcome reminded or convened), or completed with outcome resolved, extended or reassigned."
                : "An escalation about no task is answered with accepted (alone, or with outcome convened), or completed with outcome resolved.");

        var data = reply?["data"] as JsonObject;
        return action.Value switch
        {
            EscalationAction.Remind => new EscalationAnswer.Remind(Blank(Replies.Text(data, "message"))),
            EscalationAction.Convene => ReadMeeting(data, now),
            EscalationAction.Resolve => new EscalationAnswer.Resolve(Blank(Replies.Text(reply, "reason"))),
            EscalationAction.Extend => ReadExtension(reply, data),
            EscalationAction.Reassign => ReadReassignment(reply, data),
            _ => new EscalationAnswer.Acknowledge(),
        };
    }

    private static EscalationAnswer.Extend ReadExtension(JsonObject? reply, JsonObject? data)
    {
        var extension = Replies.Text(data, "extension") is { } text ? Durations.TryParse(text) : null;
        if (extension is null)
            throw new StimulusRejectedException("An extension needs data.extension, an ISO 8601 duration such as P8D.");
        return new EscalationAnswer.Extend(extension, Blank(Replies.Text(reply, "reason"))
            ?? throw new StimulusRejectedException("An extension needs a reason."));
    }

    private static EscalationAnswer.Reassign ReadReassignment(JsonObject? reply, JsonObject? data)
    {
        var partner = Blank(Replies.Text(data, "partner"))
            ?? throw new StimulusRejectedException("A reassignment needs data.partner, the id of a partner of the registry.");
        return new EscalationAnswer.Reassign(partner, Blank(Replies.Text(reply, "reason"))
            ?? throw new StimulusRejectedException("A reassignment needs a reason."));
    }

    private static EscalationAnswer.Convene ReadMeeting(JsonObject? data, Instant now)
    {
        var partners = data?["partners"] is JsonArray list
            ? list.Select(p => p is JsonValue v && v.TryGetValue<string>(out var id) ? Blank(id) : null).ToList()
            : null;
        if (partners is null || partners.Count == 0 || partners.Any(p => p is null))
            throw new StimulusRejectedException("A meeting needs data.partners, the ids of the partners convened.");
        var at = Replies.Text(data, "at") is { } text ? NodaTime.Text.InstantPattern.General.Parse(text) : null;
        if (at is not { Success: true })
            throw new StimulusRejectedException("A meeting needs data.at, an ISO 8601 instant in UTC such as 2026-07-24T09:30:00Z.");
        if (at.Value <= now) throw new StimulusRejectedException("A meeting is convened for a time to come.");
        var place = Blank(Replies.Text(data, "place")) ?? throw new StimulusRejectedException("A meeting needs data.place.");
        var agenda = Blank(Replies.Text(data, "agenda")) ?? throw new StimulusRejectedException("A meeting needs data.agenda.");
        return new EscalationAnswer.Convene([.. partners.OfType<string>().Distinct(StringComparer.Ordinal)], at.Value, place, agenda);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Acknowledged: the same bookmarks, marked acknowledged, without the timer that would raise it to level 2.</summary>
    public static IEnumerable<BookmarkRequest> Acknowledged(ActivityContext context, Resumption resumption, string action)
    {
        // Every level open is marked, as the bookmarks are: someone is on it, none of them rises any more.
        foreach (var open in resumption.Waiting.Where(b => b.Purpose == Purpose))
            context.Record(new EscalationActedOn(open.Id, action));
        return resumption.Waiting.Where(b => b.Purpose != RisePurpose).Select(b => b.Purpose == Purpose
            ? BookmarkRequest.Again(b) with { Data = With(b.Data, "acknowledged", true) }
            : BookmarkRequest.Again(b)).ToList();
    }

    /// <summary>A « réunion flash »: one message to each partner convened, from the role that holds the escalation.</summary>
    public static void Convene(ActivityContext context, Bookmark escalation, EscalationAnswer.Convene meeting)
    {
        var meetingId = context.NewId().ToString();
        var convenedBy = escalation.Addressee is { } to && Addressee.Parse(to).Role is { } role ? role : PartnerRoles.Coordination;
        foreach (var partner in meeting.Partners)
            Outgoing.Send(context, partner, MessageTypes.MeetingConvened, new MeetingConvenedMessage
            {
                MeetingId = meetingId, FileRef = context.FileId, At = WireJson.Time(meeting.At), Place = meeting.Place,
                Agenda = meeting.Agenda, ConvenedBy = convenedBy, ConvenedAt = WireJson.Time(context.Now),
            });
    }

    public static bool IsOpen(IEnumerable<Bookmark> waiting) => waiting.Any(Belongs);

    /// <summary>The bookmarks of <paramref name="waiting"/> that belong to the escalation.</summary>
    public static bool Belongs(Bookmark bookmark) => IsPurpose(bookmark.Purpose);

    public static bool IsPurpose(string? purpose) => purpose is Purpose or RisePurpose;

    private static JsonObject With(JsonObject? data, string name, JsonNode? value)
    {
        var copy = data?.DeepClone().AsObject() ?? [];
        copy[name] = value;
        return copy;
    }

    private enum EscalationAction
    {
        Acknowledge,
        Remind,
        Convene,
        Resolve,
        Extend,
        Reassign,
    }
}

/// <summary>
/// How an escalation shows among a file's bookmarks, for the host's queries (the coordinator's inbox): one reply
/// bookmark per level reached, addressed to <c>role:coordination</c> or <c>role:inspection</c>, whose data holds
/// <c>level</c>, <c>cause</c> (a code of <see cref="EscalationCauses"/>), <c>reason</c> (a phrase of
/// <see cref="EscalationReason"/>; a sentence in data written before phrases), <c>about</c> (the late task, as in <see cref="EscalatedTask"/>, or null) and, once
/// someone acted on it, <c>acknowledged</c>; and, until then, a rise timer with the same data.
/// </summary>
public static class EscalationBookmarks
{
    /// <summary>The open escalation, one bookmark per level reached, answerable by the level's role.</summary>
    public const string Purpose = "escalation";

    /// <summary>The timer after which an unhandled escalation rises to level 2.</summary>
    public const string RisePurpose = "escalation-rise";
}

/// <summary>What the coordinator (or the inspector) decided about an escalation, as <see cref="Escalation.Read"/> read it.</summary>
internal abstract record EscalationAnswer
{
    /// <summary>Someone is on it: it stays open and does not rise.</summary>
    public sealed record Acknowledge : EscalationAnswer;

    /// <summary>The late partner gets a reminder now; the escalation stays open, acknowledged.</summary>
    public sealed record Remind(string? Message) : EscalationAnswer;

    /// <summary>A « réunion flash » with these partners; the escalation stays open, acknowledged.</summary>
    public sealed record Convene(IReadOnlyList<string> Partners, Instant At, string Place, string Agenda) : EscalationAnswer;

    /// <summary>Closed.</summary>
    public sealed record Resolve(string? Reason) : EscalationAnswer;

    /// <summary>The late partner gets more time; closed.</summary>
    public sealed record Extend(Period Extension, string Reason) : EscalationAnswer;

    /// <summary>The task goes to another partner; closed.</summary>
    public sealed record Reassign(string Partner, string Reason) : EscalationAnswer;
}
