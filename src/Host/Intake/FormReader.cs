using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathway.Host.Intake;

/// <summary>
/// Reads the fields of a JSON form one by one and collects a French message per field that is missing, of the
/// wrong type, too long or not one of the allowed values. Field names are JSON paths (<c>minor.birthDate</c>), as
/// the web app shows them beside its inputs. Messages never quote what was typed.
/// </summary>
internal sealed class FormReader
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Valid => _errors.Count == 0;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Fail(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
    }

    public bool Failed(string field) => _errors.ContainsKey(field);

    /// <summary>Refuses any field not in <paramref name="known"/>: a misspelt field would otherwise be lost silently.</summary>
    public void OnlyKnown(JsonObject form, string prefix, params string[] known)
    {
        foreach (var name in form.Select(p => p.Key).Where(k => !known.Contains(k)))
            Fail(prefix + name, "Champ inconnu.");
    }

    /// <summary>A nested object; null (and an error if required) when absent or not an object.</summary>
    public JsonObject? Object(JsonObject form, string prefix, string name)
    {
        switch (form[name])
        {
            case JsonObject value:
                return value;
            case null:
                Fail(prefix + name, "Ce champ est obligatoire.");
                return null;
            default:
                Fail(prefix + name, "Ce champ doit être un objet.");
                return null;
        }
    }

    /// <summary>A trimmed text of at most <paramref name="maxLength"/> characters holding only what
    /// <paramref name="kind"/> allows (<see cref="TextKind"/>); null when absent, blank or refused.</summary>
    public string? Text(JsonObject form, string prefix, string name, int maxLength, bool required, TextKind kind = TextKind.Line)
    {
        var field = prefix + name;
        if (form[name] is null || (form[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>())))
        {
            if (required) Fail(field, "Ce champ est obligatoire.");
            return null;
        }

        if (form[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            Fail(field, "Ce champ doit être un texte.");
            return null;
        }

        // Characters first: a date or a name refused for its length would hide the invisible character that made it long.
        var text = value.GetValue<string>().Trim();
        if (TextCharacters.Refusal(text, kind) is { } refusal)
        {
            Fail(field, refusal);
            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(field, $"Ce champ ne peut pas dépasser {maxLength} caractères.");
            return null;
        }

        return text;
    }

    /// <summary>A date written <c>AAAA-MM-JJ</c>.</summary>
    public DateOnly? Date(JsonObject form, string prefix, string name, bool required)
    {
        var text = Text(form, prefix, name, 10, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Fail(prefix + name, "Date invalide : attendu une date au format AAAA-MM-JJ.");
        return null;
    }

    /// <summary>One of <paramref name="choices"/>.</summary>
    public string? Choice(JsonObject form, string prefix, string name, IReadOnlyList<string> choices)
    {
        var text = Text(form, prefix, name, 64, required: true);
        if (text is null || choices.Contains(text)) return text;
        Fail(prefix + name, "Valeur non reconnue : " + string.Join(", ", choices) + ".");
        return null;
    }
}
