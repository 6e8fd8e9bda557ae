using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Pathway.Activities.Deadlines;

namespace Pathway.Activities.Wording;

/// <summary>
/// The one catalogue of what Pathway says to people in French: each <see cref="Phrase"/> code and its sentence.
/// What is stored (bookmark data, the journal) is the phrase; the sentence is rendered here when it is read (the
/// timeline, the coordinator's inbox, a file's details) or when a message leaves for a partner, whose texts are the
/// documented ones (docs/partners.md). Families: <c>escalation.*</c> (why an escalation was raised, by cause),
/// <c>escalation-closed.*</c> and <c>task-withdrawn.*</c> (the reasons partners read), <c>timeline.*</c> (a line of
/// a file's journal, whose parameters are names and labels the reader resolved).
/// </summary>
public static class French
{
    private static readonly Dictionary<string, Func<Phrase, string>> Sentences = new(StringComparer.Ordinal)
    {
        // ---- why an escalation was raised (EscalationCauses), level 2 said once for all below ----------------
        [EscalationReason.NoAcknowledgementCode] = p => $"Pas d'accusé de réception de la demande « {p["title"]} »",
        [EscalationReason.DeadlineMissedCode] = p => $"Délai dépassé pour la demande « {p["title"]} »" + (p["legalBasis"] is { } basis ? $" ({basis})" : ""),
        // The process owner's own words, from the definition's Escalate activity.
        [EscalationReason.DefinitionCode] = p => p["motif"] ?? "Alerte du parcours",
        // Written by an earlier version: the sentence it stored, as it stored it.
        [EscalationReason.StoredCode] = p => p["text"] ?? "",
        [EscalationReason.UnhandledCode] = _ => "Escalade non traitée",

        // ---- why an escalation is over, as its holder reads it (escalation.closed) ---------------------------
        [ClosedReason.Answered] = _ => "Le partenaire a répondu.",
        [ClosedReason.Declined] = _ => "Le partenaire a décliné la demande.",
        [ClosedReason.Replaced] = _ => "Remplacée par l'alerte de délai dépassé.",
        [ClosedReason.Resolved] = _ => "Escalade résolue.",
        [ClosedReason.Extended] = _ => "Délai prolongé.",
        [ClosedReason.Reassigned] = _ => "Demande confiée à un autre partenaire.",
        [ClosedReason.TaskWithdrawn] = _ => "La demande n'est plus d'actualité.",
        [ClosedReason.Withdrawn] = _ => "L'alerte n'est plus d'actualité.",

        // ---- why a partner's task was taken back (task.withdrawn) ---------------------------------------------
        [WithdrawnReason.Obsolete] = _ => "La demande n'est plus d'actualité.",
        [WithdrawnReason.Expired] = _ => "L'échéance de la demande est atteinte.",
        [WithdrawnReason.QuorumReached] = _ => "Le nombre de réponses attendu est atteint.",

        // ---- the timeline: stimuli -----------------------------------------------------------------------------
        ["timeline.stimulus.start"] = p => $"Saisine enregistrée par {p["who"]}",
        ["timeline.stimulus.timer"] = _ => "Échéance atteinte",
        ["timeline.stimulus.event"] = p => $"Événement « {p["event"]} » déclaré par {p["who"]}",
        ["timeline.stimulus.cancel-activity"] = p => $"Étape annulée par {p["who"]}",
        ["timeline.stimulus.cancel-file"] = p => $"Dossier annulé par {p["who"]}",
        ["timeline.stimulus.other"] = p => $"{p["kind"]} ({p["who"]})",

        // ---- the timeline: a partner's answer to its task ------------------------------------------------------
        ["timeline.answer.accepted"] = p => $"Accusé de réception de {p["who"]}",
        ["timeline.answer.completed"] = p => $"Réponse reçue de {p["who"]} (issue : {p["outcome"]})",
        ["timeline.answer.declined"] = p => $"Demande déclinée par {p["who"]}{Because(p)}",
        ["timeline.answer.other"] = p => $"Réponse reçue de {p["who"]}",

        // ---- the timeline: a user's action on an escalation (docs/api.md, Escalations) --------------------------
        ["timeline.escalation.extended"] = p => $"Délai prolongé de {Duration(p["extension"])} par {p["who"]}{Because(p)}",
        ["timeline.escalation.reassigned"] = p => $"Demande réattribuée à {p["partner"]} par {p["who"]}{Because(p)}",
        ["timeline.escalation.resolved"] = p => $"Alerte résolue par {p["who"]}{Because(p)}",
        ["timeline.escalation.reminded"] = p => $"Rappel adressé au partenaire par {p["who"]}",
        ["timeline.escalation.convened"] = p => $"Réunion flash convoquée par {p["who"]}",
        ["timeline.escalation.acknowledged"] = p => $"Alerte prise en charge par {p["who"]}",
        ["timeline.escalation.other"] = p => $"Action de {p["who"]}",

        // ---- the timeline: the file and its activities ---------------------------------------------------------
        ["timeline.file.started"] = p => $"Dossier ouvert sur « {p["definition"]} » (version {p["version"]})",
        ["timeline.file.completed"] = _ => "Dossier clos",
        ["timeline.file.cancelled"] = _ => "Dossier annulé",
        ["timeline.file.migrated"] = p => $"Dossier passé de la version {p["from"]} à la version {p["to"]} du parcours par {p["who"]}",
        ["timeline.file.faulted"] = _ => "Dossier en erreur : une étape n'a pas pu s'exécuter ; l'équipe technique est à prévenir",
        ["timeline.activity.entered"] = p => $"Étape commencée : {p["activity"]}",
        ["timeline.activity.waiting"] = p => DueAt(p) is { } due
            ? $"En attente : {p["activity"]} — délai {DeadlineText.Describe(due, Zone(p))}"
            : $"En attente : {p["activity"]}",
        ["timeline.activity.completed"] = p => p["outcome"] is { } outcome
            ? $"Étape terminée : {p["activity"]} (issue : {outcome})"
            : $"Étape terminée : {p["activity"]}",
        ["timeline.activity.withdrawn"] = p => $"Étape retirée : {p["activity"]}",
        ["timeline.branches.split"] = p => $"Branches ouvertes en parallèle : {p["activity"]}",
        ["timeline.join.arrived"] = p => $"Branche arrivée à la jonction : {p["activity"]}",
        ["timeline.variable.changed"] = p => p["value"] is { } value
            ? $"Donnée renseignée : {p["variable"]} = {value}"
            : $"Donnée renseignée : {p["variable"]}",

        // ---- the timeline: an activity resumed, by what it waited for (the bookmark's purpose) ------------------
        ["timeline.resumed.task"] = p => $"Réponse de {p["who"]} : {p["activity"]}",
        ["timeline.resumed.deadline"] = p => $"Délai dépassé : {p["activity"]}",
        ["timeline.resumed.reminder"] = p => $"Rappel avant l'échéance : {p["activity"]}",
        ["timeline.resumed.acknowledgement"] = p => $"Pas d'accusé de réception dans le délai : {p["activity"]}",
        ["timeline.resumed.escalation"] = p => $"Alerte traitée par {p["who"]} : {p["activity"]}",
        ["timeline.resumed.escalation-rise"] = p => $"Alerte non traitée à temps, transmise à {p["inspection"]} : {p["activity"]}",
        ["timeline.resumed.timer"] = p => $"Échéance : {p["activity"]}",
        ["timeline.resumed.other"] = p => $"Reprise : {p["activity"]}",

        // ---- the timeline: what left with the step (messages by their wire type, timers) ----------------------
        ["timeline.sent.task.assigned"] = p => $"Demande envoyée à {p["destination"]}",
        ["timeline.sent.task.reminder"] = p => $"Rappel envoyé à {p["destination"]}",
        ["timeline.sent.task.withdrawn"] = p => $"Demande retirée à {p["destination"]}",
        ["timeline.sent.information"] = p => $"Information envoyée à {p["destination"]}",
        ["timeline.sent.escalation.raised"] = p => $"Alerte adressée à {p["destination"]}",
        ["timeline.sent.escalation.closed"] = p => $"Alerte close pour {p["destination"]}",
        ["timeline.sent.meeting.convened"] = p => $"Réunion flash : convocation envoyée à {p["destination"]}",
        ["timeline.sent.other"] = p => $"Message « {p["kind"]} » envoyé à {p["destination"]}",
        ["timeline.timer.scheduled"] = _ => "Échéance programmée",
        ["timeline.timer.cancelled"] = _ => "Échéance annulée",
    };

    /// <summary>Every code the catalogue knows.</summary>
    public static IReadOnlyCollection<string> Codes => Sentences.Keys;

    public static bool Knows(string code) => Sentences.ContainsKey(code);

    /// <summary>
    /// The phrase in French. Two parameters apply to every phrase of their family: <c>level</c> 2 on an escalation's
    /// reason (« — non traitée par la coordination »), <c>ignored</c> on a stimulus of the timeline (« — sans effet
    /// sur le dossier »). A code the catalogue does not know shows as itself: visible, never a blank.
    /// </summary>
    public static string Render(Phrase phrase)
    {
        var text = Sentences.TryGetValue(phrase.Code, out var sentence) ? sentence(phrase) : phrase.Code;
        if (phrase.Code.StartsWith(EscalationReason.Prefix, StringComparison.Ordinal) && phrase["level"] is "2")
            text += " — non traitée par la coordination";
        if (phrase.Code.StartsWith("timeline.stimulus.", StringComparison.Ordinal) && phrase["ignored"] is not null)
            text += " — sans effet sur le dossier";
        return text;
    }

    /// <summary>
    /// What <paramref name="stored"/> says: a stored phrase rendered, or (written by an earlier version, before
    /// phrases) the sentence stored, as it was written; empty when nothing is stored.
    /// </summary>
    public static string Text(JsonNode? stored) => Phrase.FromJson(stored) is { } phrase ? Render(phrase)
        : stored is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : "";

    // The reason people typed is quoted: it is written to explain the step.
    private static string Because(Phrase p) => p["reason"] is { Length: > 0 } reason ? " : " + reason : "";

    /// <summary>« 8 jours », « 2 semaines », « 72 heures »: an ISO 8601 duration as people say it.</summary>
    private static string Duration(string? iso) =>
        iso is not null && PeriodPattern.NormalizingIso.Parse(iso) is { Success: true } parsed ? DeadlineText.Period(parsed.Value) : iso ?? "";

    private static Instant? DueAt(Phrase p) =>
        p["dueAt"] is { } text && InstantPattern.ExtendedIso.Parse(text) is { Success: true } due ? due.Value : null;

    /// <summary>Where the deadline expires: the zone named by the phrase (the deployment's calendar), Paris by default.</summary>
    private static DateTimeZone Zone(Phrase p) =>
        (p["zone"] is { } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"];
}
