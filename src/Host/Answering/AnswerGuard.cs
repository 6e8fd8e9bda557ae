using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Activities.Partners;
using Pathway.Host.Access;
using Pathway.Host.Escalations;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Answering;

/// <summary>
/// Who answers: a partner of the registry (over its queue, or one of its agents in the web app), or a user of the
/// console acting for a role — the coordinator for the coordination (both levels of an escalation: she handles
/// every level), the ASE inspector for the inspection. <see cref="Actor"/> is what the file's journal records.
/// </summary>
internal sealed record AnswerSender(string Actor, string? PartnerId, IReadOnlySet<string> Roles)
{
    public static AnswerSender Of(Partner partner) => new(partner.Id, partner.Id, new HashSet<string> { partner.Role });

    /// <summary>A console user acts for the role of each escalation level the inbox shows her (level 1 is addressed to
    /// the coordination, level 2 to the inspection).</summary>
    public static AnswerSender Of(CurrentUser user)
    {
        var lowest = EscalationInbox.LowestLevelSeen(user);
        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (lowest <= 1) roles.Add(PartnerRoles.Coordination);
        if (lowest <= 2) roles.Add(PartnerRoles.Inspection);
        return new(user.Actor, user.PartnerId, roles);
    }

    /// <summary>Whether this sender may answer what is addressed to <paramref name="addressee"/>.</summary>
    public bool MayAnswer(Addressee addressee) =>
        addressee.Role is { } role ? Roles.Contains(role) : addressee.PartnerId == PartnerId;
}

/// <summary>What an answer is addressed to: a partner's task or an escalation, by the id its holder was sent.</summary>
internal sealed record AnswerTarget(string FileId, Guid Id, TaskRow? Task, EscalationRow? Escalation)
{
    public bool IsOpen => Task is { } task ? TaskStatuses.Open.Contains(task.Status) : Escalation!.ClosedAt is null;

    public bool IsEscalation => Escalation is not null;
}

/// <summary>
/// The one guard for an answer, whatever channel it came through (a partner's queue, the web app, the console):
/// the task or escalation exists and is addressed to the sender, the answer is new (the inbox: a repeat of an answer
/// already applied, even one that closed its task, is dropped), the task is still open (or, for an event, the file
/// awaits it), the partners it names are in the registry; then the engine applies it in one step, where the task
/// itself decides whether the answer fits it (<c>AnswerShape</c>, its outcomes, its data). Every refusal is an
/// <see cref="AnswerRejectedException"/> with a code of <see cref="AnswerRefusals"/>; each channel says it in its own
/// terms (the error queue's reason, an HTTP problem in French). The runner's own inbox check, in the step's
/// transaction, stays the guarantee when two answers race past this guard.
/// </summary>
internal sealed class AnswerGuard(PathwayDatabase database, CareFileRunner runner, PartnerRegistry partners)
{
    private const string TaskClosed = "the task is already closed";

    /// <summary>The task or escalation <paramref name="id"/>, closed ones included, so that a late answer is told from an
    /// unknown task; refused when <paramref name="sender"/> may not answer it.</summary>
    public async Task<AnswerTarget> TargetAsync(AnswerSender sender, Guid id, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var target = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is { } task
            ? new AnswerTarget(task.FileId, id, task, null)
            : await db.Escalations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } escalation
                ? new AnswerTarget(escalation.FileId, id, null, escalation)
                : throw new AnswerRejectedException(AnswerRefusals.UnknownTask, "unknown task");
        var addressee = Addressee.Parse(target.Task?.Assignee ?? target.Escalation!.Role);
        if (!sender.MayAnswer(addressee))
            throw new AnswerRejectedException(AnswerRefusals.AnotherPartnersTask, "the task is addressed to another partner");
        return target;
    }

    /// <summary>
    /// Applies <paramref name="answer"/> (the payload the task reads: <c>answer</c>, <c>outcome</c>, <c>reason</c>,
    /// <c>data</c>) to <paramref name="target"/> as <paramref name="stimulusId"/>; null when that stimulus was applied before.
    /// </summary>
    public async Task<StepOutcome?> AnswerAsync(AnswerSender sender, AnswerTarget target, string stimulusId, JsonObject answer,
        CancellationToken cancellationToken, IReadOnlyList<object>? alongside = null)
    {
        await using (var db = database.CreateContext())
        {
            if (await AppliedAsync(db, target.FileId, stimulusId, cancellationToken)) return null;
            if (!target.IsOpen) throw new AnswerRejectedException(AnswerRefusals.TaskClosed, TaskClosed);
        }

        if (target.IsEscalation) EnsureKnownPartners(answer["data"] as JsonObject);
        return await ApplyAsync(target.FileId, new ResumeBookmark(stimulusId, sender.Actor, target.Id, answer),
            () => new AnswerRejectedException(AnswerRefusals.TaskClosed, TaskClosed), cancellationToken, alongside);
    }

    /// <summary>
    /// Declares <paramref name="eventName"/> on the file of <paramref name="target"/>, a task the sender received (open
    /// or closed: the service running a measure has answered its task long before a runaway). The file must await
    /// it, or it would be recorded as ignored and the sender never told. Null when the stimulus was applied before.
    /// </summary>
    public async Task<StepOutcome?> DeclareAsync(AnswerSender sender, AnswerTarget target, string stimulusId, string eventName,
        JsonObject? data, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            if (await AppliedAsync(db, target.FileId, stimulusId, cancellationToken)) return null;
            if (!await db.Bookmarks.AnyAsync(b => b.FileId == target.FileId && b.EventName == eventName, cancellationToken))
                throw NotAwaited(eventName);
        }

        // An event that adds partners to a ForEachPartner names them: the same check as an escalation's.
        EnsureKnownPartners(data);
        return await ApplyAsync(target.FileId, new RaiseEvent(stimulusId, sender.Actor, eventName, target.FileId, data),
            () => NotAwaited(eventName), cancellationToken, null);
    }

    private async Task<StepOutcome?> ApplyAsync(string fileId, Stimulus stimulus, Func<AnswerRejectedException> ignored,
        CancellationToken cancellationToken, IReadOnlyList<object>? alongside)
    {
        try
        {
            var outcome = await runner.ApplyAsync(fileId, stimulus, cancellationToken, alongside, refuseIgnored: true);
            return outcome.Disposition == StepDisposition.Duplicate ? null : outcome;
        }
        catch (StimulusRejectedException rejected)
        {
            throw new AnswerRejectedException(AnswerRefusals.DoesNotFitTask, rejected.Message);
        }
        catch (StimulusIgnoredException)
        {
            // The checks above saw the task open (or the event awaited), but another answer closed it before this one
            // reached the file: refused for the same reason as when it arrives later.
            throw ignored();
        }
    }

    private static Task<bool> AppliedAsync(PathwayDbContext db, string fileId, string stimulusId, CancellationToken cancellationToken) =>
        db.AppliedStimuli.AnyAsync(a => a.FileId == fileId && a.StimulusId == stimulusId, cancellationToken);

    private static AnswerRejectedException NotAwaited(string eventName) =>
        new(AnswerRefusals.EventNotAwaited, $"the file does not wait for event '{eventName}' now");

    /// <summary>
    /// An escalation answer that reassigns a task or convenes partners, or an event that adds partners to a
    /// ForEachPartner, names them: the engine does not know the registry, so an unknown id is refused here rather than leave a message with nowhere to go in the outbox.
    /// </summary>
    private void EnsureKnownPartners(JsonObject? data)
    {
        var named = new List<JsonNode?> { data?["partner"] };
        if (data?["partners"] is JsonArray list) named.AddRange(list);
        foreach (var id in named.OfType<JsonValue>())
        {
            if (!id.TryGetValue<string>(out var text)) throw new AnswerRejectedException(AnswerRefusals.Malformed, "a partner id must be a string");
            if (partners.Find(text) is null) throw new AnswerRejectedException(AnswerRefusals.UnknownPartner, $"unknown partner '{text}'");
        }
    }
}
