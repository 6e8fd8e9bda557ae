using System.Globalization;
using System.Text.Json.Nodes;
using Pathway.Host.Tests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pathway.Host.Tests.Contracts;

/// <summary>docs/asyncapi.yaml read as JSON, so that its examples can be handed to the engine's own readers.</summary>
internal sealed class AsyncApiDocument
{
    private AsyncApiDocument(JsonObject root) => Root = root;

    public static AsyncApiDocument Instance { get; } = Load(RepositoryFile.Path("docs/asyncapi.yaml"));

    public JsonObject Root { get; }

    /// <summary>Every message of <c>components/messages</c>, by its key.</summary>
    public IEnumerable<(string Key, JsonObject Message)> Messages =>
        Root["components"]!["messages"]!.AsObject().Select(m => (m.Key, m.Value!.AsObject()));

    /// <summary>The keys of the messages a channel carries (its <c>messages</c> refer to components).</summary>
    public IEnumerable<string> MessagesOfChannel(string channel) =>
        Root["channels"]![channel]!["messages"]!.AsObject()
            .Select(m => RefTarget(m.Value!).Split('/')[^1]);

    /// <summary>A message's payload schema, references followed.</summary>
    public JsonObject Payload(JsonObject message) => Resolve(message["payload"]!);

    public static IEnumerable<(string Name, JsonObject Payload)> Examples(JsonObject message) =>
        message["examples"]!.AsArray().Select(e => ((string)e!["name"]!, e["payload"]!.AsObject()));

    /// <summary>Follows <c>$ref</c> (local references only) until a node that is not one.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        while (node is JsonObject { Count: 1 } reference && reference.ContainsKey("$ref"))
            node = Find(RefTarget(reference)) ?? throw new InvalidOperationException($"Unresolved reference {RefTarget(reference)}.");
        return node.AsObject();
    }

    /// <summary>The node at a local reference such as <c>#/components/schemas/TaskId</c>; null when there is none.</summary>
    public JsonNode? Find(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) return null;
        JsonNode? node = Root;
        foreach (var segment in reference[2..].Split('/'))
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment.Replace("~1", "/").Replace("~0", "~"), out var next) ? next : null;
        return node;
    }

    /// <summary>Every <c>$ref</c> value in the document.</summary>
    public IEnumerable<string> References() => ReferencesIn(Root);

    private static IEnumerable<string> ReferencesIn(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" ? [(string)p.Value!] : ReferencesIn(p.Value)),
        JsonArray array => array.SelectMany(ReferencesIn),
        _ => [],
    };

    private static string RefTarget(JsonNode reference) => (string)reference["$ref"]!;

    private static AsyncApiDocument Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        return new AsyncApiDocument(ToJson(stream.Documents.Single().RootNode)!.AsObject());
    }

    /// <summary>YAML's core schema: plain scalars may be null, booleans or numbers; quoted ones are strings.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } plain => Plain(plain.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonNode? Plain(string text) => text switch
    {
        "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        _ when text.Count(c => c == '.') == 1 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && char.IsDigit(text[^1]) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };
}
