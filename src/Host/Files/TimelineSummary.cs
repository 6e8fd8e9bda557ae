using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Activities.Tasks;
using Pathway.Activities.Wording;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Files;

/// <summary>
/// One journal line in French, for the timeline. The journal records facts (a kind, ids, codes); this reads a line
/// into a <see cref="Phrase"/> whose parameters are the names and labels of the file's definition version and of the
/// people and partners involved, and the catalogue (<see cref="French"/>) says it. It quotes no value that could be
/// personal data (variables shown with their value only when they take a value from a fixed list).
/// </summary>
/// <param name="zone">Where the deployment's deadlines expire (its calendar's zone).</param>
internal sealed class TimelineSummary(DefinitionLabels labels, ActorNames names, NodaTime.DateTimeZone zone)
{
    public string Of(JournalRow line, JsonObject? data) => PhraseOf(line, data) is { } phrase ? French.Render(phrase) : line.Kind;

    /// <summary>The line as a phrase of the catalogue; null for a kind the timeline does not know (shown as its kind).</summary>
    public Phrase? PhraseOf(JournalRow line, JsonObject? data)
    {
        var who = names.Label(line.Actor);
        var activity = ("activity", labels.Activity(line.ActivityId) ?? "");
        return line.Kind switch
        {
            JournalKinds.StimulusReceived => Stimulus(line.Actor, who, data).With("ignored", Text(data, "ignored") is null ? null : "true"),
            JournalKinds.FileStarted => Phrase.Of("timeline.file.started",
                ("definition", labels.Definition.Name), ("version", Text(data, "version") ?? labels.Definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            JournalKinds.ActivityEntered => Phrase.Of("timeline.activity.entered", activity),
            JournalKinds.ActivityWaiting => Phrase.Of("timeline.activity.waiting", activity, ("dueAt", DueAt(data)), ("zone", zone.Id)),
            JournalKinds.ActivityResumed => Resumed(who, data, activity),
            JournalKinds.ActivityCompleted => Phrase.Of("timeline.activity.completed", activity,
                ("outcome", Text(data, "outcome") is { } outcome ? labels.Outcome(line.ActivityId, outcome) : null)),
            JournalKinds.ActivityWithdrawn => Phrase.Of("timeline.activity.withdrawn", activity),
            JournalKinds.BranchesSplit => Phrase.Of("timeline.branches.split", activity),
            JournalKinds.JoinArrived => Phrase.Of("timeline.join.arrived", activity),
            JournalKinds.VariableChanged => Variable(data),
            JournalKinds.EffectEmitted => Effect(data),
            JournalKinds.FileCompleted => Phrase.Of("timeline.file.completed"),
            JournalKinds.FileCancelled => Phrase.Of("timeline.file.cancelled"),
            Pathway.Workflows.Versioning.FileMigrator.JournalKind =>
                Phrase.Of("timeline.file.migrated", ("from", Text(data, "from")), ("to", Text(data, "to")), ("who", who)),
            JournalKinds.FileFaulted => Phrase.Of("timeline.file.faulted"),
            _ => null,
        };
    }

    private Phrase Stimulus(string actor, string who, JsonObject? data) => Text(data, "kind") switch
    {
        "start" => Phrase.Of("timeline.stimulus.start", ("who", who)),
        "resume" when actor == "system:timer" => Phrase.Of("timeline.stimulus.timer"),
        "resume" => Answer(actor, who, data?["payload"] as JsonObject),
        "event" => Phrase.Of("timeline.stimulus.event", ("event", Text(data, "event")), ("who", who)),
        "cancel-activity" => Phrase.Of("timeline.stimulus.cancel-activity", ("who", who)),
        "cancel-file" => Phrase.Of("timeline.stimulus.cancel-file", ("who", who)),
        var kind => Phrase.Of("timeline.stimulus.other", ("kind", kind), ("who", who)),
    };

    /// <summary>
    /// An answer: a partner's to its task, or a user's action on an escalation (docs/api.md, Escalations). The reason
    /// people typed is quoted — it is written to explain the step — but never the answer's data.
    /// </summary>
    private Phrase Answer(string actor, string who, JsonObject? payload)
    {
        var reason = ("reason", Text(payload, "reason"));
        var data = payload?["data"] as JsonObject;
        if (!actor.StartsWith(ActorNames.UserPrefix, StringComparison.Ordinal))
            return Text(payload, "answer") switch
            {
                Answers.Accepted => Phrase.Of("timeline.answer.accepted", ("who", who)),
                Answers.Completed => Phrase.Of("timeline.answer.completed", ("who", who), ("outcome", Text(payload, "outcome"))),
                Answers.Declined => Phrase.Of("timeline.answer.declined", ("who", who), reason),
                _ => Phrase.Of("timeline.answer.other", ("who", who)),
            };
        return (Text(payload, "answer"), Text(payload, "outcome")) switch
        {
            (_, EscalationOutcomes.Extended) => Phrase.Of("timeline.escalation.extended", ("extension", Text(data, "extension")), ("who", who), reason),
            (_, EscalationOutcomes.Reassigned) =>
                Phrase.Of("timeline.escalation.reassigned", ("partner", names.Label(Text(data, "partner") ?? "")), ("who", who), reason),
            (_, EscalationOutcomes.Resolved) => Phrase.Of("timeline.escalation.resolved", ("who", who), reason),
            (_, EscalationOutcomes.Reminded) => Phrase.Of("timeline.escalation.reminded", ("who", who)),
            (_, EscalationOutcomes.Convened) => Phrase.Of("timeline.escalation.convened", ("who", who)),
            (Answers.Accepted, _) => Phrase.Of("timeline.escalation.acknowledged", ("who", who)),
            _ => Phrase.Of("timeline.escalation.other", ("who", who)),
        };
    }

    /// <summary>The due date of a partner's task among the bookmarks an activity waits on.</summary>
    private static string? DueAt(JsonObject? data) => (data?["bookmarks"] as JsonArray)?.OfType<JsonObject>()
        .Where(b => Text(b, "purpose") == PartnerTask.DeadlinePurpose).Select(b => Text(b, "dueAt")).FirstOrDefault(d => d is not null);

    private static Phrase Resumed(string who, JsonObject? data, (string, string?) activity) => Text(data, "purpose") switch
    {
        PartnerTask.TaskPurpose => Phrase.Of("timeline.resumed.task", ("who", who), activity),
        PartnerTask.DeadlinePurpose => Phrase.Of("timeline.resumed.deadline", activity),
        PartnerTask.ReminderPurpose => Phrase.Of("timeline.resumed.reminder", activity),
        PartnerTask.AcknowledgementPurpose => Phrase.Of("timeline.resumed.acknowledgement", activity),
        EscalationBookmarks.Purpose => Phrase.Of("timeline.resumed.escalation", ("who", who), activity),
        EscalationBookmarks.RisePurpose => Phrase.Of("timeline.resumed.escalation-rise", ("inspection", ActorNames.Role(PartnerRoles.Inspection)), activity),
        _ when Text(data, "kind") == "timer" => Phrase.Of("timeline.resumed.timer", activity),
        _ => Phrase.Of("timeline.resumed.other", activity),
    };

    private Phrase Variable(JsonObject? data)
    {
        var name = Text(data, "variable") ?? "";
        return Phrase.Of("timeline.variable.changed", ("variable", labels.Variable(name)),
            ("value", labels.IsChoice(name) ? Text(data, "value") : null));
    }

    private Phrase Effect(JsonObject? data)
    {
        var destination = ("destination", Text(data, "destination") is { } d ? names.Label(d) : "");
        return Text(data, "kind") switch
        {
            // A message to a partner or a role, by its wire type: each has its line in the catalogue.
            { } type when MessageTypes.Outgoing.ContainsKey(type) => Phrase.Of("timeline.sent." + type, destination),
            EffectKinds.ScheduleTimer => Phrase.Of("timeline.timer.scheduled"),
            EffectKinds.CancelTimer => Phrase.Of("timeline.timer.cancelled"),
            var kind => Phrase.Of("timeline.sent.other", ("kind", kind), destination),
        };
    }

    private static string? Text(JsonObject? data, string name) => data?[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
