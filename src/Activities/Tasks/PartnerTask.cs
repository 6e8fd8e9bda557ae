using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities.Contracts;
using Pathway.Activities.Deadlines;
using Pathway.Activities.Waiting;
using Pathway.Activities.Wording;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Activities.Tasks;

/// <summary>
/// Asks a partner to do something and waits for its answer. The task goes to the partner's queue with the
/// file's data it declares (<see cref="Fields"/>) and nothing else. The partner may acknowledge it
/// (<c>accepted</c>), complete it with one of <see cref="Outcomes"/> and data, or decline it with a reason.
/// Before the deadline it gets a reminder; at the deadline (or without acknowledgement in time) the coordinator
/// gets an escalation, which rises to the ASE inspection if nobody handles it. The task stays open meanwhile: a
/// late answer still moves the file on, and closes the escalation.
/// </summary>
[Activity("PartnerTask", DisplayName = "Demande à un partenaire", Category = "Partenaires", Blocking = true,
    Description = "Envoie une demande sur la file du partenaire et attend sa réponse ; rappel avant l'échéance, escalade au coordinateur à l'échéance.")]
[Outcome(Declined, "Refusée")]
public sealed class PartnerTask : Activity
{
    public const string Declined = "declined";

    /// <summary>The task itself: a reply bookmark whose id is the task id the partner answers.</summary>
    public const string TaskPurpose = "task";
    public const string AcknowledgementPurpose = "acknowledgement";
    public const string ReminderPurpose = "reminder";
    public const string DeadlinePurpose = "deadline";

    [Input(InputKind.Partner, DisplayName = "Partenaire", Required = true)]
    public string Partner { get; init; } = "";

    [Input(InputKind.Text, DisplayName = "Demande", Required = true, Description = "Ce qui est demandé, tel que le partenaire le lira.")]
    public string Title { get; init; } = "";

    [Input(InputKind.Text, DisplayName = "Consignes")]
    public string? Instructions { get; init; }

    [Input(InputKind.OutcomeNames, DisplayName = "Issues possibles", Required = true,
        Description = "Les réponses possibles du partenaire quand il a traité la demande (par exemple opp, saisine-je).")]
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    [Input(InputKind.Deadline, DisplayName = "Délai de traitement", Description = "Durée, décompte (jours calendaires ou ouvrés) et base légale.")]
    public Deadline? Deadline { get; init; }

    [Input(InputKind.Deadline, DisplayName = "Délai d'accusé de réception", Description = "Délai de pratique : sans accusé de réception, le coordinateur est alerté.")]
    public Deadline? AcknowledgeWithin { get; init; }

    [Input(InputKind.Duration, DisplayName = "Rappel avant l'échéance", Description = "Par exemple P2D : un rappel deux jours avant l'échéance.")]
    public Period? ReminderBefore { get; init; }

    [Input(InputKind.Duration, DisplayName = "Escalade au niveau 2 après",
        Description = "Sans action du coordinateur dans ce délai, l'inspecteur ASE est saisi.")]
    public Period? EscalateAfter { get; init; }

    [Input(InputKind.VariableList, DisplayName = "Données transmises",
        Description = "Les seules données du dossier que le partenaire reçoit (information strictement nécessaire, CASF L226-2-2).")]
    public IReadOnlyList<string>? Fields { get; init; }

    [Input(InputKind.VariableMap, DisplayName = "Variables renseignées par la réponse",
        Description = "Pour chaque variable, le champ des données de la réponse qui la renseigne.")]
    public IReadOnlyDictionary<string, string>? Assign { get; init; }

    public override IReadOnlyList<string> GetOutcomes() => [.. Outcomes, Declined];

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Wait(AssignTo(context, Partner));

    /// <summary>Sends the task to <paramref name="partner"/> with a new task id and deadlines counted from now; returns
    /// the bookmarks to wait on for it.</summary>
    private List<BookmarkRequest> AssignTo(ActivityContext context, string partner)
    {
        var taskId = context.NewId();
        var due = Deadline is null ? (Instant?)null : DeadlineCalculator.DueAt(Deadline, context);
        var acknowledgeBy = AcknowledgeWithin is null ? (Instant?)null : DeadlineCalculator.DueAt(AcknowledgeWithin, context);
        Outgoing.Send(context, partner, MessageTypes.TaskAssigned, new TaskAssignedMessage
        {
            TaskId = taskId.ToString(), FileRef = context.FileId, Title = Title, Instructions = Instructions, Stage = context.Node.Stage,
            Outcomes = Outcomes, AcknowledgeBy = WireJson.Time(acknowledgeBy), DueAt = WireJson.Time(due),
            DueText = DueText(context, due), LegalBasis = Deadline?.LegalBasis, Data = Outgoing.Data(context, Fields),
            AssignedAt = WireJson.Time(context.Now),
        });

        context.Record(new TaskAssigned(taskId, partner, TaskPurpose, acknowledgeBy, due, Deadline?.LegalBasis,
            Deadline is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(Deadline.Counting.ToString())));
        var wait = new List<BookmarkRequest>
        {
            new()
            {
                Id = taskId, Kind = BookmarkKind.Reply, Purpose = TaskPurpose, Addressee = partner,
                Data = new JsonObject
                {
                    ["title"] = Title, ["partner"] = partner, ["dueAt"] = WireJson.Time(due), ["legalBasis"] = Deadline?.LegalBasis,
                    ["accepted"] = false,
                },
            },
        };
        if (acknowledgeBy is { } ack) wait.Add(BookmarkRequest.Timer(ack, Declined, AcknowledgementPurpose));
        if (due is { } dueAt) wait.AddRange(Timers(context, dueAt));
        return wait;
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        var task = resumption.Find(TaskPurpose) ?? throw new InvalidOperationException("The task bookmark is missing.");
        var others = resumption.Waiting.Where(b => b != resumption.Bookmark).Select(BookmarkRequest.Again);
        switch (resumption.Bookmark.Purpose)
        {
            case TaskPurpose:
                return Answered(context, resumption, task);
            case ReminderPurpose:
                Remind(context, task, message: null);
                return ActivityResult.Wait(others);
            case AcknowledgementPurpose when !Escalation.IsOpen(resumption.Waiting):
                return ActivityResult.Wait(others.Concat(Escalation.Raise(context, EscalationCauses.NoAcknowledgement,
                    EscalationReason.Of(EscalationCauses.NoAcknowledgement, title: Title), About(task), EscalateAfter)));
            case DeadlinePurpose:
                // A missed deadline is always reported, even when an escalation (no acknowledgement) is open: it
                // replaces that one, so the inbox shows the breach, with its legal basis.
                Escalation.Close(context, resumption.Waiting, EscalationClosures.Replaced, ClosedReason.Replaced);
                return ActivityResult.Wait(others.Where(b => !Escalation.IsPurpose(b.Purpose)).Concat(Escalation.Raise(context, EscalationCauses.DeadlineMissed,
                    EscalationReason.Of(EscalationCauses.DeadlineMissed, title: Title, legalBasis: Deadline?.LegalBasis), About(task), EscalateAfter)));
            case Escalation.RisePurpose:
                return ActivityResult.Wait(others.Append(Escalation.Rise(context, resumption.Bookmark, resumption.Waiting)));
            case Escalation.Purpose:
                return EscalationAnswered(context, resumption, task);
            default:
                return ActivityResult.Wait(others);
        }
    }

    public override void Withdrawn(ActivityContext context, IReadOnlyList<Bookmark> waiting, string reason)
    {
        if (waiting.FirstOrDefault(b => b.Purpose == TaskPurpose) is { } task)
            Withdraw(context, task, French.Render(Phrase.Of(WithdrawnReason.Obsolete)));
        Escalation.Close(context, waiting, EscalationClosures.Withdrawn, ClosedReason.TaskWithdrawn);
    }

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        if (string.IsNullOrWhiteSpace(Title))
            yield return new InputProblem("/title", "input.required", "The task needs a title.");
        if (Outcomes.Contains(Declined))
            yield return new InputProblem("/outcomes", "task.reserved-outcome", $"Outcome '{Declined}' is reserved for a declined task.");
        if (ReminderBefore is not null && Deadline is null)
            yield return new InputProblem("/reminderBefore", "task.reminder-without-deadline", "A reminder needs a deadline.");
        if (EscalateAfter is not null && Deadline is null && AcknowledgeWithin is null)
            yield return new InputProblem("/escalateAfter", "task.escalation-without-deadline", "Escalation needs a deadline or an acknowledgement deadline.");
        foreach (var problem in Assignments.Validate(Assign, scope))
            yield return problem;
    }

    // ---- answers ------------------------------------------------------------------------------------------

    private ActivityResult Answered(ActivityContext context, Resumption resumption, Bookmark task)
    {
        var reply = resumption.Payload ?? throw new StimulusRejectedException("The answer is empty.");
        var answer = Replies.Text(reply, "answer");
        if (AnswerShape.ProblemOf(answer, Replies.Text(reply, "outcome"), Replies.Text(reply, "reason")) is { } problem)
            throw new StimulusRejectedException(problem);
        switch (answer)
        {
            case Answers.Accepted:
                // Acknowledged: the acknowledgement deadline no longer runs; the task stays open, same id.
                context.Record(new TaskAcknowledged(task.Id));
                var accepted = BookmarkRequest.Again(task) with { Data = TaskMessages.With(task.Data, "accepted", true) };
                return ActivityResult.Wait(resumption.Waiting
                    .Where(b => b != task && b.Purpose != AcknowledgementPurpose)
                    .Select(BookmarkRequest.Again).Append(accepted));
            case Answers.Completed:
                var outcome = Replies.Text(reply, "outcome")!;
                if (!Outcomes.Contains(outcome))
                    // The value is not repeated: refusals are logged, and a partner may have typed a name into it.
                    throw new StimulusRejectedException($"The outcome is not one of this task's: {string.Join(", ", Outcomes)}.");
                Assignments.Apply(context, Assign, reply["data"] as JsonObject);
                context.Record(new TaskCompleted(task.Id, outcome));
                Escalation.Close(context, resumption.Waiting, EscalationClosures.Answered, ClosedReason.Answered);
                return ActivityResult.Outcome(outcome);
            case Answers.Declined:
                context.Record(new TaskDeclined(task.Id));
                Escalation.Close(context, resumption.Waiting, EscalationClosures.Answered, ClosedReason.Declined);
                return ActivityResult.Outcome(Declined);
            default:
                throw new InvalidOperationException("AnswerShape admits no other answer.");
        }
    }

    /// <summary>The coordinator (or the inspector) acted on the escalation.</summary>
    private ActivityResult EscalationAnswered(ActivityContext context, Resumption resumption, Bookmark task)
    {
        var notEscalation = resumption.Waiting.Where(b => !Escalation.Belongs(b));
        var otherLevels = resumption.Waiting.Where(b => b != resumption.Bookmark);
        switch (Escalation.Read(resumption.Payload, aboutTask: true, context.Now))
        {
            case EscalationAnswer.Acknowledge:
                return ActivityResult.Wait(Escalation.Acknowledged(context, resumption, EscalationActions.Acknowledged));
            case EscalationAnswer.Remind remind:
                Remind(context, task, remind.Message);
                return ActivityResult.Wait(Escalation.Acknowledged(context, resumption, EscalationActions.Reminded));
            case EscalationAnswer.Convene meeting:
                Escalation.Convene(context, resumption.Bookmark, meeting);
                return ActivityResult.Wait(Escalation.Acknowledged(context, resumption, EscalationActions.Convened));
            case EscalationAnswer.Extend extend:
                return Extended(context, resumption.Bookmark, otherLevels, extend, task, notEscalation);
            case EscalationAnswer.Reassign reassign:
                return Reassigned(context, resumption.Bookmark, otherLevels, reassign, task);
            default:
                Escalation.Closed(context, resumption.Bookmark, EscalationClosures.Resolved);
                Escalation.Close(context, otherLevels, EscalationClosures.Resolved, ClosedReason.Resolved);
                return ActivityResult.Wait(notEscalation.Select(BookmarkRequest.Again));
        }
    }

    /// <summary>The coordinator gives the partner more time: a new deadline, the partner told, the escalation closed.</summary>
    private ActivityResult Extended(ActivityContext context, Bookmark answered, IEnumerable<Bookmark> otherLevels, EscalationAnswer.Extend extend, Bookmark task,
        IEnumerable<Bookmark> notEscalation)
    {
        Instant due;
        try
        {
            // More time from now, counted as the deadline counts its days, on its calendar.
            due = DeadlineCalculator.DueAt(
                new Deadline { Duration = extend.Extension, Counting = Deadline?.Counting ?? DayCounting.Calendar, Territory = Deadline?.Territory },
                context.Now, context.Calendar);
        }
        catch (ArgumentException)
        {
            throw new StimulusRejectedException("This task's deadline counts working days: extend it by days or weeks (P5D, P2W).");
        }

        Escalation.Closed(context, answered, EscalationClosures.Extended);
        Escalation.Close(context, otherLevels, EscalationClosures.Extended, ClosedReason.Extended);
        context.Record(new TaskDeadlineMoved(task.Id, due));
        var extendedTask = BookmarkRequest.Again(task) with { Data = TaskMessages.With(task.Data, "dueAt", WireJson.Time(due)) };
        Remind(context, task, message: null, due);
        var kept = notEscalation.Where(b => b.Purpose is not (DeadlinePurpose or ReminderPurpose) && b != task).Select(BookmarkRequest.Again);
        return ActivityResult.Wait(kept.Append(extendedTask).Concat(Timers(context, due)));
    }

    /// <summary>
    /// The coordinator gives the task to another partner: withdrawn from the late one (with the coordinator's reason),
    /// assigned to the new one as a new task, whose deadlines run from now as for any task assigned now — the first
    /// partner's due date has usually passed already, and would escalate the new partner's task at once. The breach
    /// stays in the journal, on the first partner. The escalation is closed.
    /// </summary>
    private ActivityResult Reassigned(ActivityContext context, Bookmark answered, IEnumerable<Bookmark> otherLevels, EscalationAnswer.Reassign reassign, Bookmark task)
    {
        if (reassign.Partner == PartnerOf(task))
            throw new StimulusRejectedException("The task is already assigned to this partner.");
        Withdraw(context, task, reassign.Reason);
        Escalation.Closed(context, answered, EscalationClosures.Reassigned);
        Escalation.Close(context, otherLevels, EscalationClosures.Reassigned, ClosedReason.Reassigned);
        return ActivityResult.Wait(AssignTo(context, reassign.Partner));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /// <summary>The deadline, and the reminder before it unless that time has already passed.</summary>
    private IEnumerable<BookmarkRequest> Timers(ActivityContext context, Instant due)
    {
        if (ReminderBefore is not null && DeadlineCalculator.ReminderAt(due, ReminderBefore, context.Zone) is var remindAt && remindAt > context.Now)
            yield return BookmarkRequest.Timer(remindAt, Declined, ReminderPurpose);
        yield return BookmarkRequest.Timer(due, Declined, DeadlinePurpose);
    }

    /// <summary>Who holds the task now: the definition's partner, unless the coordinator reassigned it.</summary>
    private string PartnerOf(Bookmark task) => task.Data?["partner"]?.GetValue<string>() ?? Partner;

    /// <summary>Tells the partner holding the task that it is still open, with its due date (<paramref name="due"/>
    /// when it has just moved) and, when the coordinator sent it, the coordinator's words.</summary>
    private void Remind(ActivityContext context, Bookmark task, string? message, Instant? due = null)
    {
        var dueAt = due ?? TaskMessages.DueOf(task);
        TaskMessages.Remind(context, task, PartnerOf(task), Title, dueAt, DueText(context, dueAt), message);
    }

    private void Withdraw(ActivityContext context, Bookmark task, string reason) => TaskMessages.Withdraw(context, task, PartnerOf(task), reason);

    private EscalatedTask About(Bookmark task) => new()
    {
        TaskId = task.Id.ToString(), Partner = PartnerOf(task), Title = Title,
        DueAt = task.Data?["dueAt"]?.GetValue<string>(), LegalBasis = Deadline?.LegalBasis,
    };

    /// <summary>The due date in words; a deadline counted back from an event says so while its due date is still the one
    /// counted back (not once the coordinator has extended it).</summary>
    private string? DueText(ActivityContext context, Instant? due)
    {
        if (due is not { } at) return null;
        var zone = context.Calendar.For(Deadline?.Territory).Zone;
        return Deadline?.Before is not null && CountedBack(context) == at ? DeadlineText.Describe(Deadline, at, zone) : DeadlineText.Describe(at, zone);
    }

    private Instant? CountedBack(ActivityContext context)
    {
        try
        {
            return DeadlineCalculator.DueAt(Deadline!, context);
        }
        catch (InvalidOperationException)
        {
            return null; // the event's date has been cleared since: the due date is no longer counted from it
        }
    }
}
