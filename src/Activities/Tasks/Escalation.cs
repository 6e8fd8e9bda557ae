using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Workflows.Activities;
using Pathway.Workflows.Runtime;

namespace Pathway.Activities.Tasks;

/// <summary>
/// The one place that decides how a stalled file reaches people: level 1 to the coordination, then, if nobody
/// handles it in time, level 2 to the ASE inspection. An escalation is itself a task addressed to a role: its
/// bookmark is the entry in the coordinator's inbox, and answering it (on the queue or from the console)
/// acknowledges, resolves or extends. Used by <see cref="PartnerTask"/> (a late partner) and <see cref="Escalate"/>.
/// </summary>
internal static class Escalation
{
    /// <summary>The open escalation, one bookmark per level reached, answerable by the level's role.</summary>
    public const string Purpose = "escalation";

    /// <summary>The timer after which an unhandled escalation rises to level 2.</summary>
    public const string RisePurpose = "escalation-rise";

    public const string Resolved = "resolved";
    public const string Extended = "extended";

    /// <summary>Raises a level-1 escalation; returns the bookmarks to wait on for it.</summary>
    public static IEnumerable<BookmarkRequest> Raise(ActivityContext context, string reason, EscalatedTask? about, Period? riseAfter)
    {
        var risesAt = riseAfter is null ? (Instant?)null : Durations.AddLocal(context.Now, riseAfter, context.Zone);
        var id = context.NewId();
        Outgoing.Send(context, Outgoing.Role(PartnerRoles.Coordination), MessageTypes.EscalationRaised, new EscalationRaisedMessage
        {
            TaskId = id.ToString(), FileRef = context.FileId, Level = 1, Reason = reason, RaisedAt = WireJson.Time(context.Now),
            RisesAt = WireJson.Time(risesAt), About = about,
        });
        var data = new JsonObject { ["level"] = 1, ["reason"] = reason, ["about"] = about is null ? null : WireJson.ToObject(about) };
        yield return new BookmarkRequest
        {
            Id = id, Kind = BookmarkKind.Reply, Purpose = Purpose, Addressee = Outgoing.Role(PartnerRoles.Coordination), Data = data,
        };
        if (risesAt is { } due)
            yield return BookmarkRequest.Timer(due, Resolved, RisePurpose) with { Data = data.DeepClone().AsObject() };
    }

    /// <summary>Nobody handled the escalation in time: the ASE inspection gets it too (level 2).</summary>
    public static BookmarkRequest Rise(ActivityContext context, Bookmark rise)
    {
        var reason = rise.Data?["reason"]?.GetValue<string>() ?? "Escalade non traitée";
        var about = rise.Data?["about"] is JsonObject task ? System.Text.Json.JsonSerializer.Deserialize<EscalatedTask>(task, WireJson.Options) : null;
        var id = context.NewId();
        Outgoing.Send(context, Outgoing.Role(PartnerRoles.Inspection), MessageTypes.EscalationRaised, new EscalationRaisedMessage
        {
            TaskId = id.ToString(), FileRef = context.FileId, Level = 2, Reason = reason + " — non traitée par la coordination",
            RaisedAt = WireJson.Time(context.Now), About = about,
        });
        return new BookmarkRequest
        {
            Id = id, Kind = BookmarkKind.Reply, Purpose = Purpose, Addressee = Outgoing.Role(PartnerRoles.Inspection),
            Data = new JsonObject { ["level"] = 2, ["reason"] = reason, ["about"] = rise.Data?["about"]?.DeepClone() },
        };
    }

    /// <summary>Tells whoever holds an open escalation among <paramref name="waiting"/> that it is over.</summary>
    public static void Close(ActivityContext context, IEnumerable<Bookmark> waiting, string reason)
    {
        foreach (var open in waiting.Where(b => b.Purpose == Purpose))
            Outgoing.Send(context, open.Addressee!, MessageTypes.EscalationClosed, new EscalationClosedMessage
            {
                TaskId = open.Id.ToString(), FileRef = context.FileId, Reason = reason,
            });
    }

    /// <summary>
    /// What the coordinator's (or the inspector's) answer to an escalation means: <c>accepted</c> acknowledges it
    /// (someone is on it, it does not rise), <c>completed</c> with <c>resolved</c> closes it, and, for an escalation
    /// about a partner's task, <c>completed</c> with <c>extended</c> gives the partner more time.
    /// </summary>
    /// <exception cref="StimulusRejectedException">Any other answer.</exception>
    public static Action Read(JsonObject? reply, bool aboutTask)
    {
        switch (Replies.Text(reply, "answer"), Replies.Text(reply, "outcome"))
        {
            case (Answers.Accepted, _): return Action.Acknowledge;
            case (Answers.Completed, Resolved): return Action.Resolve;
            case (Answers.Completed, Extended) when aboutTask: return Action.Extend;
            default:
                throw new StimulusRejectedException(aboutTask
                    ? "An escalation is answered with accepted, or completed with outcome resolved or extended."
                    : "An escalation is answered with accepted, or completed with outcome resolved.");
        }
    }

    public enum Action
    {
        Acknowledge,
        Resolve,
        Extend,
    }

    /// <summary>Acknowledged: the same bookmarks, without the timer that would raise it to level 2.</summary>
    public static IEnumerable<BookmarkRequest> Acknowledged(Resumption resumption) =>
        resumption.Waiting.Where(b => b.Purpose != RisePurpose).Select(BookmarkRequest.Again);


    public static bool IsOpen(IEnumerable<Bookmark> waiting) => waiting.Any(Belongs);

    /// <summary>The bookmarks of <paramref name="waiting"/> that belong to the escalation.</summary>
    public static bool Belongs(Bookmark bookmark) => IsPurpose(bookmark.Purpose);

    public static bool IsPurpose(string? purpose) => purpose is Purpose or RisePurpose;
}
