using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pathway.Activities.Contracts;

namespace Pathway.Host.Tests.Contracts;

/// <summary>The wire contract as the engine's code defines it, read strictly.</summary>
internal static class WireContract
{
    /// <summary><see cref="WireJson.Options"/>, except that a property the type does not have, or a null where the
    /// type allows none, is an error: a documented example must be exactly what the engine reads and writes.</summary>
    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(WireJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The properties of a type as they appear on the wire (camelCase names, whether required).</summary>
    public static IReadOnlyList<JsonPropertyInfo> Properties(Type type) => [.. Strict.GetTypeInfo(type).Properties];

    /// <summary>The .NET type of an outgoing message, by the <c>type</c> field of its body.</summary>
    public static Type OutgoingType(JsonObject body) =>
        MessageTypes.Outgoing.TryGetValue((string?)body["type"] ?? "", out var type)
            ? type
            : throw new InvalidOperationException($"'{body["type"]}' is not the type of a message Pathway sends.");

    /// <summary>Reads the body strictly into its type, writes it back with the engine's options; returns what was written.</summary>
    public static JsonObject RoundTrip(JsonObject body)
    {
        var message = body.Deserialize(OutgoingType(body), Strict)!;
        return JsonSerializer.SerializeToNode(message, OutgoingType(body), WireJson.Options)!.AsObject();
    }
}
