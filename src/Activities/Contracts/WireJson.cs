using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using NodaTime;
using NodaTime.Text;

namespace Pathway.Activities.Contracts;

/// <summary>The one set of JSON options for what goes over the wire to and from partners.</summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static JsonObject ToObject<T>(T message) => JsonSerializer.SerializeToNode(message, Options)!.AsObject();

    /// <summary>An instant as written on the wire: ISO 8601, UTC, whole seconds.</summary>
    public static string Time(Instant instant) => InstantPattern.General.Format(instant);

    public static string? Time(Instant? instant) => instant is { } value ? Time(value) : null;
}
