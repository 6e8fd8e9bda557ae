using System.Text.Json.Nodes;
using NodaTime.Text;
using Pathway.Activities.Contracts;
using Pathway.Activities.Deadlines;
using Pathway.Activities.Partners;
using Pathway.Activities.Tasks;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Files;

/// <summary>
/// One journal line in French, for the timeline. It says what the journal says, in the words of the file's definition
/// version; it quotes no value that could be personal data (variables shown with their value only when they take a
/// value from a fixed list).
/// </summary>
/// <param name="zone">Where the deployment's deadlines expire (its calendar's zone).</param>
internal sealed class TimelineSummary(DefinitionLabels labels, ActorNames names, NodaTime.DateTimeZone zone)
{
    public string Of(JournalRow line, JsonObject? data)
    {
        var who = names.Label(line.Actor);
        var activity = labels.Activity(line.ActivityId) ?? "";
        return line.Kind switch
        {
            JournalKinds.StimulusReceived => Stimulus(line.Actor, who, data),
            JournalKinds.FileStarted => $"Dossier ouvert sur « {labels.Definition.Name} » (version {Text(data, "version") ?? labels.Definition.Version.ToString()})",
            JournalKinds.ActivityEntered => $"Étape commencée : {activity}",
            JournalKinds.ActivityWaiting => Waiting(activity, data),
            JournalKinds.ActivityResumed => Resumed(activity, who, data),
            JournalKinds.ActivityCompleted => Completed(line.ActivityId, activity, data),
            JournalKinds.ActivityWithdrawn => $"Étape retirée : {activity}",
            JournalKinds.BranchesSplit => $"Branches ouvertes en parallèle : {activity}",
            JournalKinds.JoinArrived => $"Branche arrivée à la jonction : {activity}",
            JournalKinds.VariableChanged => Variable(data),
            JournalKinds.EffectEmitted => Effect(data),
            JournalKinds.FileCompleted => "Dossier clos",
            JournalKinds.FileCancelled => "Dossier annulé",
            Pathway.Workflows.Versioning.FileMigrator.JournalKind =>
                $"Dossier passé de la version {Text(data, "from")} à la version {Text(data, "to")} du parcours par {who}",
            JournalKinds.FileFaulted => "Dossier en erreur : une étape n'a pas pu s'exécuter ; l'équipe technique est à prévenir",
            _ => line.Kind,
        };
    }

    private string Stimulus(string actor, string who, JsonObject? data)
    {
        var text = Text(data, "kind") switch
        {
            "start" => $"Saisine enregistrée par {who}",
            "resume" when actor == "system:timer" => "Échéance atteinte",
            "resume" => Answer(actor, who, data?["payload"] as JsonObject),
            "event" => $"Événement « {Text(data, "event")} » déclaré par {who}",
            "cancel-activity" => $"Étape annulée par {who}",
            "cancel-file" => $"Dossier annulé par {who}",
            var kind => $"{kind} ({who})",
        };
        return Text(data, "ignored") is null ? text : text + " — sans effet sur le dossier";
    }

    /// <summary>
    /// An answer: a partner's to its task, or a user's action on an escalation (docs/api.md, Escalations). The reason
    /// people typed is quoted — it is written to explain the step — but never the answer's data.
    /// </summary>
    private string Answer(string actor, string who, JsonObject? payload)
    {
        var reason = Text(payload, "reason") is { Length: > 0 } r ? " : " + r : "";
        var data = payload?["data"] as JsonObject;
        if (!actor.StartsWith(ActorNames.UserPrefix, StringComparison.Ordinal))
            return Text(payload, "answer") switch
            {
                Answers.Accepted => $"Accusé de réception de {who}",
                Answers.Completed => $"Réponse reçue de {who} (issue : {Text(payload, "outcome")})",
                Answers.Declined => $"Demande déclinée par {who}{reason}",
                _ => $"Réponse reçue de {who}",
            };
        return (Text(payload, "answer"), Text(payload, "outcome")) switch
        {
            (_, EscalationOutcomes.Extended) => $"Délai prolongé de {Duration(Text(data, "extension"))} par {who}{reason}",
            (_, EscalationOutcomes.Reassigned) => $"Demande réattribuée à {names.Label(Text(data, "partner") ?? "")} par {who}{reason}",
            (_, EscalationOutcomes.Resolved) => $"Alerte résolue par {who}{reason}",
            (_, EscalationOutcomes.Reminded) => $"Rappel adressé au partenaire par {who}",
            (_, EscalationOutcomes.Convened) => $"Réunion flash convoquée par {who}",
            (Answers.Accepted, _) => $"Alerte prise en charge par {who}",
            _ => $"Action de {who}",
        };
    }

    /// <summary>« 8 jours », « 2 semaines », « 72 heures »: an ISO 8601 duration as people say it.</summary>
    private static string Duration(string? iso) =>
        iso is not null && PeriodPattern.NormalizingIso.Parse(iso) is { Success: true } parsed ? DeadlineText.Period(parsed.Value) : iso ?? "";

    private string Waiting(string activity, JsonObject? data)
    {
        var task = (data?["bookmarks"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(b => Text(b, "purpose") == PartnerTask.DeadlinePurpose && Text(b, "dueAt") is not null);
        return task is not null && InstantPattern.ExtendedIso.Parse(Text(task, "dueAt")!) is { Success: true } due
            ? $"En attente : {activity} — délai {DeadlineText.Describe(due.Value, zone)}"
            : $"En attente : {activity}";
    }

    private string Resumed(string activity, string who, JsonObject? data) => Text(data, "purpose") switch
    {
        PartnerTask.TaskPurpose => $"Réponse de {who} : {activity}",
        PartnerTask.DeadlinePurpose => $"Délai dépassé : {activity}",
        PartnerTask.ReminderPurpose => $"Rappel avant l'échéance : {activity}",
        PartnerTask.AcknowledgementPurpose => $"Pas d'accusé de réception dans le délai : {activity}",
        EscalationBookmarks.Purpose => $"Alerte traitée par {who} : {activity}",
        EscalationBookmarks.RisePurpose => $"Alerte non traitée à temps, transmise à {ActorNames.Role(PartnerRoles.Inspection)} : {activity}",
        _ when Text(data, "kind") == "timer" => $"Échéance : {activity}",
        _ => $"Reprise : {activity}",
    };

    private string Completed(string? activityId, string activity, JsonObject? data) => Text(data, "outcome") is { } outcome
        ? $"Étape terminée : {activity} (issue : {labels.Outcome(activityId, outcome)})"
        : $"Étape terminée : {activity}";

    private string Variable(JsonObject? data)
    {
        var name = Text(data, "variable") ?? "";
        return labels.IsChoice(name) && Text(data, "value") is { } value
            ? $"Donnée renseignée : {labels.Variable(name)} = {value}"
            : $"Donnée renseignée : {labels.Variable(name)}";
    }

    private string Effect(JsonObject? data)
    {
        var destination = Text(data, "destination") is { } d ? names.Label(d) : "";
        return Text(data, "kind") switch
        {
            MessageTypes.TaskAssigned => $"Demande envoyée à {destination}",
            MessageTypes.TaskReminder => $"Rappel envoyé à {destination}",
            MessageTypes.TaskWithdrawn => $"Demande retirée à {destination}",
            MessageTypes.Information => $"Information envoyée à {destination}",
            MessageTypes.EscalationRaised => $"Alerte adressée à {destination}",
            MessageTypes.EscalationClosed => $"Alerte close pour {destination}",
            MessageTypes.MeetingConvened => $"Réunion flash : convocation envoyée à {destination}",
            EffectKinds.ScheduleTimer => "Échéance programmée",
            EffectKinds.CancelTimer => "Échéance annulée",
            var kind => $"Message « {kind} » envoyé à {destination}",
        };
    }

    private static string? Text(JsonObject? data, string name) => data?[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };
}
