using System.Text.Json.Nodes;
using NodaTime.Text;
using Pathway.Activities.Contracts;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Contracts;

/// <summary>
/// docs/asyncapi.yaml and docs/partners.md tell partners what Pathway sends them; these tests hold them to the
/// types the engine serializes (<see cref="MessageTypes.Outgoing"/>), read with <see cref="WireJson.Options"/>.
/// </summary>
public sealed class OutgoingMessageDocsTests
{
    private static readonly AsyncApiDocument Document = AsyncApiDocument.Instance;

    public static TheoryData<string> OutgoingTypes => [.. MessageTypes.Outgoing.Keys];

    public static TheoryData<string, string> OutgoingExamples
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var key in Document.MessagesOfChannel("partnerQueue"))
            foreach (var (name, _) in AsyncApiDocument.Examples(Message(key)))
                data.Add(key, name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OutgoingTypes))]
    public void Every_message_type_Pathway_sends_is_a_message_of_the_partner_queue(string type)
    {
        var documented = Document.MessagesOfChannel("partnerQueue").Where(key => TypeOf(Message(key)) == type).ToList();

        var key = Assert.Single(documented);
        Assert.Equal(type, (string?)Message(key)["name"]);
    }

    [Fact]
    public void The_partner_queue_carries_only_messages_Pathway_sends()
    {
        var documented = Document.MessagesOfChannel("partnerQueue").Select(key => TypeOf(Message(key)));

        Assert.Equal(MessageTypes.Outgoing.Keys.Order(), documented.Order());
    }

    [Theory]
    [MemberData(nameof(OutgoingTypes))]
    public void The_schema_of_a_message_lists_exactly_the_properties_of_its_type_and_its_required_ones(string type)
    {
        var key = Document.MessagesOfChannel("partnerQueue").Single(k => TypeOf(Message(k)) == type);

        AssertSchemaDescribes(MessageTypes.Outgoing[type], Document.Payload(Message(key)), type);
    }

    [Theory]
    [MemberData(nameof(OutgoingExamples))]
    public void An_example_reads_strictly_into_its_type_and_is_written_back_unchanged(string message, string example)
    {
        var payload = ExamplePayload(message, example);

        Assert.Equal(TypeOf(Message(message)), (string?)payload["type"]);
        var written = WireContract.RoundTrip(payload);
        Assert.True(JsonNode.DeepEquals(payload, written), $"Pathway would write {written.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(OutgoingExamples))]
    public void An_example_fits_its_schema(string message, string example)
    {
        var problems = new SchemaCheck(Document).Problems(ExamplePayload(message, example), Message(message)["payload"]!);

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_message_has_an_example()
    {
        Assert.All(Document.Messages, m => Assert.NotEmpty(AsyncApiDocument.Examples(m.Message)));
    }

    [Fact]
    public void Every_JSON_block_of_the_partners_guide_is_a_message_Pathway_sends_or_reads()
    {
        var blocks = PartnersGuide.JsonBlocks.ToList();

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block =>
        {
            if (block.Json.ContainsKey("type"))
            {
                var written = WireContract.RoundTrip(block.Json);
                Assert.True(JsonNode.DeepEquals(block.Json, written), $"line {block.Line}: Pathway would write {written.ToJsonString()}");
            }
            else
            {
                // Not a message Pathway sends: then it must be one it reads (throws with the reason otherwise).
                Messaging.PartnerReplyReader.Read("application/json", System.Text.Encoding.UTF8.GetBytes(block.Json.ToJsonString()));
            }
        });
    }

    [Fact]
    public void The_partners_guide_shows_every_message_Pathway_sends()
    {
        var shown = PartnersGuide.JsonBlocks.Select(b => (string?)b.Json["type"]).OfType<string>().Distinct();

        Assert.Equal(MessageTypes.Outgoing.Keys.Order(), shown.Order());
    }

    [Fact]
    public void Every_due_text_in_the_examples_is_the_one_Pathway_writes_for_its_due_date()
    {
        var bodies = Document.Messages.SelectMany(m => AsyncApiDocument.Examples(m.Message).Select(e => e.Payload))
            .Concat(PartnersGuide.JsonBlocks.Select(b => b.Json))
            .Where(b => b.ContainsKey("dueText"))
            .ToList();

        Assert.NotEmpty(bodies);
        Assert.All(bodies, body =>
            Assert.Equal(DeadlineText.Describe(InstantPattern.General.Parse((string)body["dueAt"]!).Value, Interpreter.Paris), (string?)body["dueText"]));
    }

    /// <summary>Same property names, same required ones (plus <c>type</c>, which every message carries), and so
    /// on down into nested message types.</summary>
    private static void AssertSchemaDescribes(Type type, JsonObject schema, string where)
    {
        var properties = WireContract.Properties(type);
        var documented = schema["properties"]!.AsObject();
        Assert.True(properties.Select(p => p.Name).Order().SequenceEqual(documented.Select(p => p.Key).Order()),
            $"{where}: the type has {string.Join(", ", properties.Select(p => p.Name))}; the schema has {string.Join(", ", documented.Select(p => p.Key))}");

        var required = properties.Where(p => p.IsRequired || p.Name == "type").Select(p => p.Name).Order();
        var documentedRequired = (schema["required"]?.AsArray() ?? []).Select(r => (string)r!).Order();
        Assert.True(required.SequenceEqual(documentedRequired),
            $"{where}: required are {string.Join(", ", required)}; the schema requires {string.Join(", ", documentedRequired)}");

        foreach (var property in properties.Where(p => p.PropertyType.Namespace == typeof(MessageTypes).Namespace))
            AssertSchemaDescribes(property.PropertyType, Document.Resolve(documented[property.Name]!), $"{where}/{property.Name}");
    }

    private static JsonObject Message(string key) => Document.Messages.Single(m => m.Key == key).Message;

    private static string? TypeOf(JsonObject message) => (string?)Document.Payload(message)["properties"]?["type"]?["const"];

    private static JsonObject ExamplePayload(string message, string example) =>
        AsyncApiDocument.Examples(Message(message)).Single(e => e.Name == example).Payload;
}
