using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace Pathway.Host.Messaging;

/// <summary>
/// Reads partners' messages as plain JSON. MassTransit parses a body before any consumer runs, so a body that is
/// not a JSON object would be refused in the parser's words (which may quote the body). Such a body, and one too
/// large to be read at all, is handed on as an empty object instead: <see cref="PartnerReplyConsumer"/> reads the
/// original bytes itself and refuses them with Pathway's own reason (<see cref="PartnerReplyReader"/>).
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
            json.Deserialize(IsObject(body) ? body : EmptyObject, headers, destinationAddress);

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
}
