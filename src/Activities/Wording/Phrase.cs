using System.Text.Json.Nodes;

namespace Pathway.Activities.Wording;

/// <summary>
/// Something to be said to people, stored as a fact rather than as a sentence: a code of the catalogue
/// (<see cref="French"/>) and its parameters. Parameters are codes, ids, dates and texts of the definition (a task's
/// title, its legal basis), never the file's data; the French sentence is rendered when it is read, so a corrected
/// wording reads the same on files written before the correction. Stored as <c>{"code": …, "title": …}</c>.
/// </summary>
public sealed class Phrase
{
    private Phrase(string code, IReadOnlyDictionary<string, string> parameters) => (Code, Parameters) = (code, parameters);

    /// <summary>The catalogue's code, e.g. <c>escalation.deadline-missed</c>.</summary>
    public string Code { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The parameter <paramref name="name"/>, or null when the phrase has none by that name.</summary>
    public string? this[string name] => Parameters.GetValueOrDefault(name);

    /// <summary>A phrase; parameters without a value are left out.</summary>
    public static Phrase Of(string code, params (string Name, string? Value)[] parameters) =>
        new(code, parameters.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal));

    /// <summary>The same phrase with one more parameter (or another value for it).</summary>
    public Phrase With(string name, string? value)
    {
        var parameters = Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (value is null) parameters.Remove(name);
        else parameters[name] = value;
        return new Phrase(Code, parameters);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["code"] = Code };
        foreach (var (name, value) in Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) json[name] = value;
        return json;
    }

    /// <summary>The phrase stored in <paramref name="node"/>; null when it holds no code (nothing, or a sentence
    /// written by an earlier version, which <see cref="French.Text"/> shows as it was written).</summary>
    public static Phrase? FromJson(JsonNode? node)
    {
        if (node is not JsonObject json || json["code"] is not JsonValue code || !code.TryGetValue<string>(out var text)) return null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in json)
        {
            if (name == "code" || value is not JsonValue v) continue;
            parameters[name] = v.TryGetValue<string>(out var s) ? s : v.ToJsonString();
        }

        return new Phrase(text, parameters);
    }

    public override string ToString() => ToJson().ToJsonString();
}
