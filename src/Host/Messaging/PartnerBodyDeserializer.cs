using System.Diagnostics.CodeAnalysis;
using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace Pathway.Host.Messaging;

/// <summary>
/// Reads partners' messages as plain JSON. MassTransit parses a body before any consumer runs, so a body that is
/// not a JSON object would be refused in the parser's words (which may quote the body). Such a body, and one too
/// large to be read at all, is handed on as an empty object instead: <see cref="PartnerReplyConsumer"/> reads the
/// original bytes itself and refuses them with Pathway's own reason (<see cref="PartnerReplyReader"/>). The
/// response and fault addresses a partner may set in its headers are not read (<see cref="WithoutReplyAddresses"/>).
/// </summary>
internal sealed class PartnerBodySerializerFactory : ISerializerFactory
{
    private readonly SystemTextJsonRawMessageSerializer _json = new(RawSerializerOptions.AnyMessageType);

    public ContentType ContentType => SystemTextJsonRawMessageSerializer.JsonContentType;

    public IMessageSerializer CreateSerializer() => _json;

    public IMessageDeserializer CreateDeserializer() => new Deserializer(_json);

    private sealed class Deserializer(SystemTextJsonRawMessageSerializer json) : IMessageDeserializer
    {
        private static readonly MessageBody EmptyObject = new StringMessageBody("{}");

        public ContentType ContentType => json.ContentType;

        public void Probe(ProbeContext context) => json.Probe(context);

        public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
            new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

        public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null) =>
            json.Deserialize(IsObject(body) ? body : EmptyObject, new WithoutReplyAddresses(headers), destinationAddress);

        public MessageBody GetMessageBody(string text) => json.GetMessageBody(text);

        private static bool IsObject(MessageBody body)
        {
            if (body.Length is > PartnerReplyReader.MaxBytes) return false;
            try
            {
                using var document = JsonDocument.Parse(body.GetBytes());
                return document.RootElement.ValueKind == JsonValueKind.Object;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// A partner's headers without the addresses MassTransit would send a fault or a response to: a partner could
    /// otherwise name another partner's exchange there and have the engine send it a fault about its own message
    /// (a refusal is for the operators, through the error queue, never for another partner).
    /// </summary>
    private sealed class WithoutReplyAddresses(Headers headers) : Headers
    {
        private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
        {
            MessageHeaders.ResponseAddress, MessageHeaders.FaultAddress,
        };

        public IEnumerable<KeyValuePair<string, object>> GetAll() => headers.GetAll().Where(h => !Hidden.Contains(h.Key));

        public bool TryGetHeader(string key, [NotNullWhen(true)] out object? value)
        {
            value = null;
            return !Hidden.Contains(key) && headers.TryGetHeader(key, out value);
        }

        public T? Get<T>(string key, T? defaultValue = default) where T : class =>
            Hidden.Contains(key) ? defaultValue : headers.Get(key, defaultValue);

        public T? Get<T>(string key, T? defaultValue = default) where T : struct =>
            Hidden.Contains(key) ? defaultValue : headers.Get(key, defaultValue);

        public IEnumerator<HeaderValue> GetEnumerator() => headers.Where(h => !Hidden.Contains(h.Key)).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
