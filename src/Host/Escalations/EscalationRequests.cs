using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Host.Escalations;

public sealed record RemindRequest(string? Message);

/// <param name="Extension">An ISO 8601 duration (<c>"P8D"</c>) or a number of days (<c>8</c>).</param>
public sealed record ExtendRequest(JsonNode? Extension, string? Reason);

public sealed record ReassignRequest(string? Partner, string? Reason);

public sealed record ConveneRequest(IReadOnlyList<string?>? Partners, string? At, string? Place, string? Agenda);

public sealed record ResolveRequest(string? Reason);

/// <summary>What an action did: the file it concerns and what became of the escalation.</summary>
public sealed record EscalationActionDone(string FileId, string Disposition);

/// <summary>
/// The console's actions, checked field by field with messages in French, then written as the answer the engine
/// reads — the same answer the coordination's own software would send on its queue (docs/partners.md), so that
/// <c>Escalation.Read</c> stays the one place that decides what it means. What the engine cannot know (the partner
/// registry) or should not have to explain to a person (a missing reason) is checked here.
/// </summary>
internal static class EscalationRequests
{
    private const int MaxText = 2000;

    /// <summary>The longest extension, about ten years: past it a deadline no longer means anything, and far past it
    /// the calendar cannot even count it.</summary>
    private const int MaxExtensionDays = 3660;

    private static readonly LocalDateTime Reference = new(2000, 1, 1, 0, 0);

    public static CheckedAnswer Acknowledge() => CheckedAnswer.Of(Answer(Answers.Accepted, null));

    public static CheckedAnswer Remind(RemindRequest? request)
    {
        var errors = new Errors();
        errors.Length("message", request?.Message);
        var data = request?.Message is { } message && !string.IsNullOrWhiteSpace(message) ? new JsonObject { ["message"] = message.Trim() } : null;
        return errors.Or(Answer(Answers.Accepted, EscalationOutcomes.Reminded, data: data));
    }

    public static CheckedAnswer Extend(ExtendRequest? request)
    {
        var errors = new Errors();
        var extension = Extension(request?.Extension);
        if (extension is null)
            errors.Add("extension", $"Indiquez la prolongation : une durée ISO 8601 (P8D, P2W, P1M) ou un nombre de jours, {MaxExtensionDays} jours au plus.");
        errors.Reason(request?.Reason);
        return errors.Or(Answer(Answers.Completed, EscalationOutcomes.Extended, request?.Reason,
            new JsonObject { ["extension"] = extension?.ToString() }));
    }

    public static CheckedAnswer Reassign(ReassignRequest? request, OpenEscalation escalation, PartnerRegistry partners)
    {
        var errors = new Errors();
        var partner = request?.Partner?.Trim();
        if (string.IsNullOrEmpty(partner)) errors.Add("partner", "Indiquez le partenaire à qui confier la demande.");
        else if (!partners.Exists(partner)) errors.Add("partner", $"Partenaire inconnu du registre : {partner}.");
        else if (partner == escalation.About?.Assignee) errors.Add("partner", "La demande est déjà confiée à ce partenaire.");
        errors.Reason(request?.Reason);
        return errors.Or(Answer(Answers.Completed, EscalationOutcomes.Reassigned, request?.Reason, new JsonObject { ["partner"] = partner }));
    }

    public static CheckedAnswer Convene(ConveneRequest? request, PartnerRegistry partners, Instant now)
    {
        var errors = new Errors();
        var convened = (request?.Partners ?? []).Select(p => p?.Trim()).ToList();
        if (convened.Count == 0 || convened.Any(string.IsNullOrEmpty)) errors.Add("partners", "Indiquez les partenaires à réunir.");
        else if (convened.Where(p => !partners.Exists(p!)).ToList() is { Count: > 0 } unknown)
            errors.Add("partners", $"Partenaires inconnus du registre : {string.Join(", ", unknown)}.");
        var at = request?.At is { } text ? Instant(text) : null;
        if (at is null) errors.Add("at", "Indiquez la date et l'heure de la réunion (ISO 8601, par exemple 2026-11-24T09:30:00Z).");
        else if (at <= now) errors.Add("at", "La réunion doit avoir lieu dans le futur.");
        errors.Required("place", request?.Place, "Indiquez le lieu de la réunion.");
        errors.Required("agenda", request?.Agenda, "Indiquez l'ordre du jour.");
        return errors.Or(Answer(Answers.Accepted, EscalationOutcomes.Convened, data: new JsonObject
        {
            ["partners"] = new JsonArray([.. convened.Select(p => (JsonNode?)p)]), ["at"] = at is { } time ? WireJson.Time(time) : null,
            ["place"] = request?.Place?.Trim(), ["agenda"] = request?.Agenda?.Trim(),
        }));
    }

    public static CheckedAnswer Resolve(ResolveRequest? request)
    {
        var errors = new Errors();
        errors.Length("reason", request?.Reason);
        return errors.Or(Answer(Answers.Completed, EscalationOutcomes.Resolved, request?.Reason));
    }

    private static JsonObject Answer(string answer, string? outcome, string? reason = null, JsonObject? data = null)
    {
        var body = new JsonObject { ["answer"] = answer };
        if (outcome is not null) body["outcome"] = outcome;
        if (!string.IsNullOrWhiteSpace(reason)) body["reason"] = reason.Trim();
        if (data is not null) body["data"] = data;
        return body;
    }

    /// <summary>A positive ISO 8601 duration, or a whole number of days (as a number or as text), of at most
    /// <see cref="MaxExtensionDays"/>.</summary>
    private static Period? Extension(JsonNode? value)
    {
        if (value is not JsonValue scalar) return null;
        if (scalar.GetValueKind() == JsonValueKind.Number)
            return scalar.TryGetValue<int>(out var days) && days is > 0 and <= MaxExtensionDays ? Period.FromDays(days) : null;
        if (!scalar.TryGetValue<string>(out var text)) return null;
        text = text.Trim();
        if (int.TryParse(text, out var number)) return number is > 0 and <= MaxExtensionDays ? Period.FromDays(number) : null;
        return Durations.TryParse(text.ToUpperInvariant()) is { } period && AtMostMax(period) ? period : null;
    }

    private static bool AtMostMax(Period period)
    {
        try
        {
            return Reference + period <= Reference.PlusDays(MaxExtensionDays);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or OverflowException)
        {
            return false; // Beyond what the calendar counts (PT2147483647H).
        }
    }

    /// <summary>An instant with its offset (<c>2026-11-24T09:30:00Z</c>, <c>2026-11-24T10:30:00+01:00</c>); null also
    /// for one the calendar cannot hold (<c>9999-12-31T23:59:59-18:00</c> is in the year 10000).</summary>
    private static Instant? Instant(string text)
    {
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim());
        if (!parsed.Success) return null;
        try
        {
            return parsed.Value.ToInstant();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Problems by field, French, as the console shows them.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, string[]> _byField = [];

        public void Add(string field, string message) =>
            _byField[field] = [.. _byField.GetValueOrDefault(field) ?? [], message];

        public void Required(string field, string? text, string message)
        {
            if (string.IsNullOrWhiteSpace(text)) Add(field, message);
            else Length(field, text);
        }

        public void Reason(string? reason) => Required("reason", reason, "Indiquez le motif.");

        public void Length(string field, string? text)
        {
            if (text is { Length: > MaxText }) Add(field, $"Pas plus de {MaxText} caractères.");
        }

        public CheckedAnswer Or(JsonObject answer) => _byField.Count > 0 ? new CheckedAnswer(null, _byField) : CheckedAnswer.Of(answer);
    }
}

/// <summary>Either the answer to give the engine, or the problems of the request by field.</summary>
internal sealed record CheckedAnswer(JsonObject? Answer, IDictionary<string, string[]> Errors)
{
    public static CheckedAnswer Of(JsonObject answer) => new(answer, new Dictionary<string, string[]>());
}
