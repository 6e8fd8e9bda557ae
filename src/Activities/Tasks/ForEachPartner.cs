using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities.Contracts;
using Pathway.Activities.Deadlines;
using Pathway.Activities.Partners;
using Pathway.Activities.Wording;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Conditions;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Activities.Tasks;

/// <summary>
/// Asks the same thing of every partner of a list computed when the activity starts (WCP-14): one task per
/// addressee, each with its own task id, so that each partner answers its own task and an answer never closes
/// another's. The activity goes on (<c>done</c>) once every task is answered, or once <see cref="Quorum"/> of them
/// are; at its <see cref="Deadline"/> it goes on without the others (<c>expired</c>). Either way the tasks still open
/// are withdrawn. While it waits, the event <see cref="AddedBy"/> adds addressees, each a new task (WCP-15). The
/// answers are collected in the list variable <see cref="Results"/>, one item per task.
/// </summary>
/// <remarks>One token waits on every task (one reply bookmark each), the deadline, the reminder and the event: the
/// interpreter needs nothing new, and withdrawing the activity withdraws its tasks. What the activity counts (the
/// addressees already answered) travels in the data of each open task's bookmark, so it is never read from a
/// variable the definition might change.</remarks>
[Activity("ForEachPartner", DisplayName = "Demande à chaque partenaire d'une liste", Category = "Partenaires", Blocking = true,
    Description = "Envoie la même demande à chaque partenaire d'une liste calculée pendant le parcours ; attend toutes les réponses, les premières, ou l'échéance.")]
[Outcome(Done, "Réponses reçues")]
[Outcome(Expired, "Échéance atteinte")]
public sealed class ForEachPartner : Activity
{
    public const string Done = Workflows.ActivityModel.Outcomes.Done;
    public const string Expired = "expired";

    /// <summary>The event bookmark that adds addressees while the activity waits.</summary>
    public const string AdditionPurpose = "addition";

    /// <summary>The statuses of an item of <see cref="Results"/>.</summary>
    public static class Statuses
    {
        public const string Open = "open";
        public const string Completed = "completed";
        public const string Declined = "declined";
        public const string Withdrawn = "withdrawn";
    }

    [Input(InputKind.Expression, DisplayName = "Partenaires", Required = true,
        Description = "Une liste d'identifiants de partenaires (ou « role: » et un rôle), écrite ou calculée : par exemple une variable de type liste.")]
    public JsonNode? Partners { get; init; }

    [Input(InputKind.Text, DisplayName = "Demande", Required = true, Description = "Ce qui est demandé, tel que chaque partenaire le lira.")]
    public string Title { get; init; } = "";

    [Input(InputKind.Text, DisplayName = "Consignes")]
    public string? Instructions { get; init; }

    [Input(InputKind.OutcomeNames, DisplayName = "Issues possibles", Required = true,
        Description = "Les réponses possibles de chaque partenaire quand il a traité la demande.")]
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    [Input(InputKind.Number, DisplayName = "Nombre de réponses suffisant",
        Description = "Continuer dès que ce nombre de partenaires a répondu ; les autres demandes sont retirées. Sans valeur : toutes les réponses.")]
    public int? Quorum { get; init; }

    [Input(InputKind.Deadline, DisplayName = "Échéance", Description = "À l'échéance, le parcours continue sans les réponses manquantes (issue « Échéance atteinte »).")]
    public Deadline? Deadline { get; init; }

    [Input(InputKind.Duration, DisplayName = "Rappel avant l'échéance", Description = "Par exemple P2D : un rappel à chaque partenaire qui n'a pas répondu.")]
    public Period? ReminderBefore { get; init; }

    [Input(InputKind.Text, DisplayName = "Événement qui ajoute des partenaires",
        Description = "Tant que l'activité attend, cet événement (champ « partners » : une liste) envoie la demande à d'autres partenaires.")]
    public string? AddedBy { get; init; }

    [Input(InputKind.VariableList, DisplayName = "Données transmises",
        Description = "Les seules données du dossier que chaque partenaire reçoit (information strictement nécessaire, CASF L226-2-2).")]
    public IReadOnlyList<string>? Fields { get; init; }

    [Input(InputKind.Variable, DisplayName = "Réponses recueillies",
        Description = "Variable de type liste : une ligne par partenaire (partner, status, outcome, data).")]
    public string? Results { get; init; }

    [Input(InputKind.OutcomeNames, DisplayName = "Champs de réponse conservés",
        Description = "Les champs des données de chaque réponse gardés dans les réponses recueillies ; les autres ne sont pas conservés.")]
    public IReadOnlyList<string>? Collect { get; init; }

    public override ActivityResult Execute(ActivityContext context)
    {
        var addressees = AddresseesOf(context.Evaluate(Partners));
        var due = Deadline is null ? (Instant?)null : DeadlineCalculator.DueAt(Deadline, context);
        var tasks = addressees.Select(a => Assign(context, a, due)).ToList();
        if (Results is { } results)
            context.SetVariable(results, new JsonArray(tasks.Select(t => (JsonNode?)ResultItem(t)).ToArray()));
        if (tasks.Count == 0) return ActivityResult.Outcome(Done);

        var wait = WithClosed(tasks, []).ToList();
        if (due is { } dueAt) wait.AddRange(Timers(context, dueAt));
        if (!string.IsNullOrWhiteSpace(AddedBy)) wait.Add(BookmarkRequest.ForEvent(AddedBy, context.FileId, Done) with { Purpose = AdditionPurpose });
        return ActivityResult.Wait(wait);
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        var open = resumption.Waiting.Where(b => b.Purpose == PartnerTask.TaskPurpose).ToList();
        var closed = ClosedOf(open);
        switch (resumption.Bookmark.Purpose)
        {
            case PartnerTask.TaskPurpose:
                return Answered(context, resumption, open, closed);
            case PartnerTask.ReminderPurpose:
                foreach (var task in open) Remind(context, task);
                return ActivityResult.Wait(resumption.Waiting.Where(b => b != resumption.Bookmark).Select(BookmarkRequest.Again));
            case PartnerTask.DeadlinePurpose:
                Withdraw(context, open, WithdrawnReason.Expired);
                return ActivityResult.Outcome(Expired);
            case AdditionPurpose:
                return Added(context, resumption, open, closed);
            default:
                return ActivityResult.Wait(resumption.Waiting.Where(b => b != resumption.Bookmark).Select(BookmarkRequest.Again));
        }
    }

    public override void Withdrawn(ActivityContext context, IReadOnlyList<Bookmark> waiting, string reason) =>
        Withdraw(context, waiting.Where(b => b.Purpose == PartnerTask.TaskPurpose), WithdrawnReason.Obsolete);

    public override IEnumerable<InputProblem> Validate(ValidationScope scope)
    {
        if (string.IsNullOrWhiteSpace(Title))
            yield return new InputProblem("/title", "input.required", "The task needs a title.");
        if (Quorum is < 1)
            yield return new InputProblem("/quorum", "multi.quorum-invalid", "The number of answers to wait for must be at least 1.");
        if (ReminderBefore is not null && Deadline is null)
            yield return new InputProblem("/reminderBefore", "multi.reminder-without-deadline", "A reminder needs a deadline.");
        if (AddedBy is not null && string.IsNullOrWhiteSpace(AddedBy))
            yield return new InputProblem("/addedBy", "input.empty", "The event that adds partners needs a name.");
        if (Results is { } results && scope.Variables.TryGetValue(results, out var variable) && variable.Type != VariableType.List)
            yield return new InputProblem("/results", "multi.results-not-a-list",
                $"Variable '{results}' is {variable.Type.ToString().ToLowerInvariant()}: the answers are collected in a list variable.");
        if (Collect is not null && Results is null)
            yield return new InputProblem("/collect", "multi.collect-without-results", "Fields of the answers are kept only in a variable for the answers.");
        foreach (var problem in CheckPartners(scope)) yield return problem;
    }

    /// <summary>The list must be a list; a list written out names partners of the registry (or roles).</summary>
    private IEnumerable<InputProblem> CheckPartners(ValidationScope scope)
    {
        // Mistakes inside the expression are reported by the expression's own check; only its type matters here.
        var type = JsonLogicChecker.Infer(Partners, scope.Variables, "/partners", new List<Workflows.Validation.ValidationError>());
        if (type is not (LogicType.Array or LogicType.Any or LogicType.Null))
        {
            yield return new InputProblem("/partners", "multi.partners-not-a-list",
                $"The partners to ask must be a list (a list variable, or partner ids written in brackets), not a {type.ToString().ToLowerInvariant()}.");
            yield break;
        }

        if (Partners is not JsonArray written) yield break;
        for (var i = 0; i < written.Count; i++)
        {
            if (written[i] is not JsonValue value || !value.TryGetValue(out string? text))
                yield return new InputProblem($"/partners/{i}", "multi.addressee-not-text", "Each partner is named by its id, written as text.");
            else if (Addressee.Parse(text).PartnerId is { } partner && scope.Partners is { } registry && !registry.Exists(partner))
                yield return new InputProblem($"/partners/{i}", "multi.unknown-partner",
                    $"Partner '{partner}' is not in the registry; known partners: {string.Join(", ", registry.Ids.Order(StringComparer.Ordinal))}.");
        }
    }

    // ---- tasks --------------------------------------------------------------------------------------------

    /// <summary>The distinct addressees of a computed list; anything but a list of texts is the definition's mistake.</summary>
    private static List<string> AddresseesOf(JsonNode? value)
    {
        if (value is null) return [];
        if (value is not JsonArray items) throw new InvalidOperationException("The partners to ask are not a list.");
        var addressees = new List<string>();
        foreach (var item in items)
        {
            if (item is not JsonValue text || !text.TryGetValue(out string? addressee) || string.IsNullOrWhiteSpace(addressee))
                throw new InvalidOperationException("A partner to ask is not named by a text.");
            if (!addressees.Contains(addressee)) addressees.Add(addressee);
        }

        return addressees;
    }

    /// <summary>Sends the task to <paramref name="addressee"/> with a new task id; returns its reply bookmark.</summary>
    private BookmarkRequest Assign(ActivityContext context, string addressee, Instant? due)
    {
        var taskId = context.NewId();
        Outgoing.Send(context, addressee, MessageTypes.TaskAssigned, new TaskAssignedMessage
        {
            TaskId = taskId.ToString(), FileRef = context.FileId, Title = Title, Instructions = Instructions, Stage = context.Node.Stage,
            Outcomes = Outcomes, DueAt = WireJson.Time(due), DueText = due is { } at ? DeadlineText.Describe(at, context.Calendar.For(Deadline?.Territory).Zone) : null,
            LegalBasis = Deadline?.LegalBasis, Data = Outgoing.Data(context, Fields), AssignedAt = WireJson.Time(context.Now),
        });
        context.Record(new TaskAssigned(taskId, addressee, PartnerTask.TaskPurpose, null, due, Deadline?.LegalBasis,
            Deadline is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(Deadline.Counting.ToString())));
        return new BookmarkRequest
        {
            Id = taskId, Kind = BookmarkKind.Reply, Purpose = PartnerTask.TaskPurpose, Addressee = addressee,
            Data = new JsonObject { ["title"] = Title, ["partner"] = addressee, ["dueAt"] = WireJson.Time(due), ["accepted"] = false },
        };
    }

    private ActivityResult Answered(ActivityContext context, Resumption resumption, List<Bookmark> open, JsonArray closed)
    {
        var task = resumption.Bookmark;
        var reply = resumption.Payload ?? throw new StimulusRejectedException("The answer is empty.");
        var others = resumption.Waiting.Where(b => b != task);
        switch (Replies.Text(reply, "answer"))
        {
            case Answers.Accepted:
                // Acknowledged: the task stays open, same id; only its data changes.
                context.Record(new TaskAcknowledged(task.Id));
                return ActivityResult.Wait(others.Select(BookmarkRequest.Again).Append(BookmarkRequest.Again(task) with { Data = TaskMessages.With(task.Data, "accepted", true) }));
            case Answers.Completed:
                var outcome = Replies.Text(reply, "outcome") ?? throw new StimulusRejectedException("A completed answer needs an outcome.");
                if (!Outcomes.Contains(outcome))
                    throw new StimulusRejectedException($"The outcome is not one of this task's: {string.Join(", ", Outcomes)}.");
                context.Record(new TaskCompleted(task.Id, outcome));
                UpdateResult(context, task.Id, item =>
                {
                    item["status"] = Statuses.Completed;
                    item["outcome"] = outcome;
                    item["answeredBy"] = context.Actor;
                    if (Collect is { } fields) item["data"] = Collected(reply["data"] as JsonObject, fields);
                });
                break;
            case Answers.Declined:
                if (string.IsNullOrWhiteSpace(Replies.Text(reply, "reason")))
                    throw new StimulusRejectedException("A declined answer needs a reason.");
                context.Record(new TaskDeclined(task.Id));
                UpdateResult(context, task.Id, item =>
                {
                    item["status"] = Statuses.Declined;
                    item["answeredBy"] = context.Actor;
                });
                break;
            default:
                throw new StimulusRejectedException("Field 'answer' must be accepted, completed or declined.");
        }

        // Completed or declined, the task is answered: it counts towards the quorum and is closed.
        closed.Add(PartnerOf(task));
        var remaining = open.Where(b => b != task).ToList();
        if (remaining.Count == 0 || closed.Count >= (Quorum ?? int.MaxValue))
        {
            Withdraw(context, remaining, WithdrawnReason.QuorumReached);
            return ActivityResult.Outcome(Done);
        }

        return ActivityResult.Wait(WithClosed(remaining.Select(BookmarkRequest.Again), closed)
            .Concat(others.Where(b => b.Purpose != PartnerTask.TaskPurpose).Select(BookmarkRequest.Again)));
    }

    /// <summary>The event adds addressees (WCP-15): a new task for each not asked yet, due when the others are.</summary>
    private ActivityResult Added(ActivityContext context, Resumption resumption, List<Bookmark> open, JsonArray closed)
    {
        if (resumption.Payload?["partners"] is not JsonArray added
            || added.Any(p => p is not JsonValue v || !v.TryGetValue(out string? s) || string.IsNullOrWhiteSpace(s)))
            throw new StimulusRejectedException("Field 'partners' must be a list of partner ids.");
        var asked = open.Select(PartnerOf).Concat(closed.Select(c => c!.GetValue<string>())).ToHashSet(StringComparer.Ordinal);
        var due = resumption.Find(PartnerTask.DeadlinePurpose)?.DueAt;
        var tasks = new List<BookmarkRequest>();
        foreach (var addressee in added.Select(p => p!.GetValue<string>()).Distinct(StringComparer.Ordinal).Where(asked.Add))
            tasks.Add(Assign(context, addressee, due));
        if (Results is { } results && tasks.Count > 0)
        {
            var items = context.GetVariable(results) is JsonArray list ? list.DeepClone().AsArray() : [];
            foreach (var task in tasks) items.Add(ResultItem(task));
            context.SetVariable(results, items);
        }

        return ActivityResult.Wait(WithClosed(open.Select(BookmarkRequest.Again).Concat(tasks), closed)
            .Concat(resumption.Waiting.Where(b => b.Purpose != PartnerTask.TaskPurpose).Select(BookmarkRequest.Again)));
    }

    /// <summary>Takes back the tasks still open: each partner is told, and its item of the results says so.</summary>
    /// <param name="reason">A code of <see cref="WithdrawnReason"/>, said in words in the message.</param>
    private void Withdraw(ActivityContext context, IEnumerable<Bookmark> open, string reason)
    {
        foreach (var task in open)
        {
            TaskMessages.Withdraw(context, task, PartnerOf(task), French.Render(Phrase.Of(reason)));
            UpdateResult(context, task.Id, item => item["status"] = Statuses.Withdrawn);
        }
    }

    private void Remind(ActivityContext context, Bookmark task)
    {
        var due = TaskMessages.DueOf(task);
        TaskMessages.Remind(context, task, PartnerOf(task), Title, due,
            due is { } at ? DeadlineText.Describe(at, context.Calendar.For(Deadline?.Territory).Zone) : null);
    }

    private IEnumerable<BookmarkRequest> Timers(ActivityContext context, Instant due)
    {
        if (ReminderBefore is not null && DeadlineCalculator.ReminderAt(due, ReminderBefore, context.Zone) is var remindAt && remindAt > context.Now)
            yield return BookmarkRequest.Timer(remindAt, Expired, PartnerTask.ReminderPurpose);
        yield return BookmarkRequest.Timer(due, Expired, PartnerTask.DeadlinePurpose);
    }

    // ---- what the activity counts, and what it collects ---------------------------------------------------

    /// <summary>Every open task carries the addressees already answered.</summary>
    private static IEnumerable<BookmarkRequest> WithClosed(IEnumerable<BookmarkRequest> tasks, JsonArray closed) =>
        tasks.Select(t => t with { Data = TaskMessages.With(t.Data, "closed", closed.DeepClone()) });

    private static JsonArray ClosedOf(IEnumerable<Bookmark> open) =>
        open.Select(b => b.Data?["closed"]).OfType<JsonArray>().FirstOrDefault()?.DeepClone().AsArray() ?? [];

    private static string PartnerOf(Bookmark task) => task.Addressee ?? task.Data?["partner"]?.GetValue<string>() ?? "";

    private static JsonObject ResultItem(BookmarkRequest task) => new()
    {
        ["taskId"] = task.Id.ToString(), ["partner"] = task.Addressee, ["status"] = Statuses.Open,
    };

    /// <summary>Changes the item of <paramref name="taskId"/> in the results, when the activity keeps them.</summary>
    private void UpdateResult(ActivityContext context, Guid taskId, Action<JsonObject> change)
    {
        if (Results is not { } results || context.GetVariable(results) is not JsonArray list) return;
        var items = list.DeepClone().AsArray();
        if (items.OfType<JsonObject>().FirstOrDefault(i => i["taskId"]?.GetValue<string>() == taskId.ToString()) is not { } item) return;
        change(item);
        context.SetVariable(results, items);
    }

    private static JsonObject Collected(JsonObject? data, IReadOnlyList<string> fields)
    {
        var kept = new JsonObject();
        foreach (var field in fields)
        {
            if (data?.TryGetPropertyValue(field, out var value) == true) kept[field] = value?.DeepClone();
        }

        return kept;
    }
}
