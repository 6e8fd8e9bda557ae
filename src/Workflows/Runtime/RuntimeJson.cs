using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Pathway.Workflows.Runtime;

/// <summary>JSON options for the engine's own documents (file state, journal data, effects).</summary>
public static class RuntimeJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new InstantConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Instants as ISO 8601 UTC strings (<c>2026-07-10T08:00:00Z</c>).</summary>
    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new JsonException("An instant cannot be null.");
            var result = InstantPattern.ExtendedIso.Parse(text);
            return result.Success ? result.Value : throw new JsonException($"'{text}' is not an ISO 8601 instant.");
        }

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
