namespace Pathway.Host.Tests.Contracts;

/// <summary>docs/asyncapi.yaml holds together: the version it claims, references that lead somewhere, operations
/// that send or receive what their channel carries.</summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly AsyncApiDocument Document = AsyncApiDocument.Instance;

    [Fact]
    public void It_is_an_AsyncAPI_3_0_0_document_with_a_server_two_channels_and_two_operations()
    {
        Assert.Equal("3.0.0", (string?)Document.Root["asyncapi"]);
        Assert.NotEmpty(Document.Root["servers"]!.AsObject());
        Assert.Equal(["answerExchange", "partnerQueue"], Document.Root["channels"]!.AsObject().Select(c => c.Key).Order());
        Assert.Equal(["receive", "send"], Document.Root["operations"]!.AsObject().Select(o => (string)o.Value!["action"]!).Order());
    }

    [Fact]
    public void Every_reference_leads_to_a_node_of_the_document()
    {
        var references = Document.References().ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(Document.Find(r) is not null, $"{r} leads nowhere"));
    }

    [Fact]
    public void An_operation_names_its_channel_and_only_messages_of_that_channel()
    {
        foreach (var (name, operation) in Document.Root["operations"]!.AsObject())
        {
            var channel = (string)operation!["channel"]!["$ref"]!;
            var messages = operation["messages"]!.AsArray().Select(m => (string)m!["$ref"]!).ToList();
            Assert.All(messages, m => Assert.StartsWith(channel + "/messages/", m));
            // Every message of the channel, once each: an operation that forgot one would leave it undocumented.
            Assert.True(Document.Find(channel)!["messages"]!.AsObject().Count == messages.Distinct().Count(), $"{name} does not list every message of {channel}");
        }
    }
}
