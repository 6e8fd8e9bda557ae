using Pathway.Host.Answering;
using System.Text;
using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Host.Messaging;

namespace Pathway.Host.Tests.Contracts;

/// <summary>
/// What docs/asyncapi.yaml and docs/partners.md say partners may send, held to <see cref="PartnerReplyReader"/>:
/// every documented answer and event is accepted, every documented refusal is refused with the documented reason.
/// </summary>
public sealed class PartnerReplyDocsTests
{
    private static readonly AsyncApiDocument Document = AsyncApiDocument.Instance;

    public static TheoryData<string, string> ReplyExamples
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var key in Document.MessagesOfChannel("answerExchange"))
            foreach (var (name, _) in AsyncApiDocument.Examples(Message(key)))
                data.Add(key, name);
            return data;
        }
    }

    public static TheoryData<string, string> Refusals
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (body, reason) in PartnersGuide.Refusals) data.Add(body, reason);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ReplyExamples))]
    public void A_documented_answer_or_event_is_accepted_as_it_is_written(string message, string example)
    {
        var payload = ExamplePayload(message, example);

        var (reply, taskId) = PartnerReplyReader.Read("application/json", Encoding.UTF8.GetBytes(payload.ToJsonString()));

        Assert.Equal(Guid.Parse((string)payload["taskId"]!), taskId);
        Assert.Equal((string?)payload["answer"], reply.Answer);
        Assert.Equal((string?)payload["event"], reply.Event);
        Assert.Equal(message == "event", reply.Event is not null);
    }

    [Theory]
    [MemberData(nameof(ReplyExamples))]
    public void A_documented_answer_or_event_fits_its_schema(string message, string example)
    {
        var problems = new SchemaCheck(Document).Problems(ExamplePayload(message, example), Message(message)["payload"]!);

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_documented_refusal_is_refused_with_the_documented_reason(string body, string reason)
    {
        var refused = Assert.Throws<AnswerRejectedException>(() => PartnerReplyReader.Read("application/json", Encoding.UTF8.GetBytes(body)));

        Assert.Equal(reason, refused.Message);
    }

    [Fact]
    public void The_answer_and_event_schemas_together_list_exactly_the_fields_of_a_reply_and_allow_no_other()
    {
        var schemas = Document.MessagesOfChannel("answerExchange").Select(key => Document.Payload(Message(key))).ToList();
        var documented = schemas.SelectMany(s => s["properties"]!.AsObject().Select(p => p.Key)).Distinct().Order();

        Assert.Equal(WireContract.Properties(typeof(PartnerReply)).Select(p => p.Name).Order(), documented);
        Assert.All(schemas, s => Assert.False((bool)s["additionalProperties"]!));
    }

    [Fact]
    public void The_answer_schema_lists_the_three_answers()
    {
        var answers = Document.Payload(Message("answer"))["properties"]!["answer"]!["enum"]!.AsArray().Select(a => (string)a!);

        Assert.Equal([Answers.Accepted, Answers.Completed, Answers.Declined], answers);
    }

    [Fact]
    public void There_is_an_example_of_each_answer_of_each_escalation_answer_and_of_an_event()
    {
        var payloads = Document.MessagesOfChannel("answerExchange")
            .SelectMany(key => AsyncApiDocument.Examples(Message(key)).Select(e => e.Payload)).ToList();
        var kinds = payloads.Select(p => ((string?)p["answer"], (string?)p["outcome"], p.ContainsKey("event"))).ToList();

        Assert.Contains(kinds, k => k is (Answers.Accepted, null, _));
        Assert.Contains(kinds, k => k.Item1 == Answers.Completed && k.Item2 is not
            (EscalationOutcomes.Resolved or EscalationOutcomes.Extended or EscalationOutcomes.Reassigned));
        Assert.Contains(kinds, k => k.Item1 == Answers.Declined);
        Assert.Contains(kinds, k => k is (Answers.Accepted, EscalationOutcomes.Reminded, _));
        Assert.Contains(kinds, k => k is (Answers.Accepted, EscalationOutcomes.Convened, _));
        Assert.Contains(kinds, k => k is (Answers.Completed, EscalationOutcomes.Resolved, _));
        Assert.Contains(kinds, k => k is (Answers.Completed, EscalationOutcomes.Extended, _));
        Assert.Contains(kinds, k => k is (Answers.Completed, EscalationOutcomes.Reassigned, _));
        Assert.Contains(kinds, k => k.Item3);
    }

    [Fact]
    public void An_answer_of_64_KiB_is_read_and_one_byte_more_is_refused_with_the_documented_reason()
    {
        var answer = """{"taskId": "0190a3c2-5f4e-7a1b-8c3d-2e4f6a8b0c1d", "answer": "accepted"}""";
        var largest = Encoding.UTF8.GetBytes(answer.PadRight(PartnerReplyReader.MaxBytes));

        Assert.Equal(64 * 1024, largest.Length);
        Assert.Equal("accepted", PartnerReplyReader.Read("application/json", largest).Reply.Answer);
        var refused = Assert.Throws<AnswerRejectedException>(() => PartnerReplyReader.Read("application/json", largest.Append((byte)' ').ToArray()));
        Assert.Equal("the message is larger than 64 KiB", refused.Message);
        Assert.Contains($"`{refused.Message}`", PartnersGuide.Text);
        Assert.Contains("at most **64 KiB** (65,536 bytes", PartnersGuide.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=\"UTF-8\"")]
    public void An_answer_with_no_content_type_or_JSON_in_UTF_8_is_read(string? contentType)
    {
        var body = Encoding.UTF8.GetBytes("""{"taskId": "0190a3c2-5f4e-7a1b-8c3d-2e4f6a8b0c1d", "answer": "accepted"}""");

        Assert.Equal("accepted", PartnerReplyReader.Read(contentType, body).Reply.Answer);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("not a media type")]
    public void An_answer_of_another_content_type_is_refused_with_the_documented_reason(string contentType)
    {
        var body = Encoding.UTF8.GetBytes("""{"taskId": "0190a3c2-5f4e-7a1b-8c3d-2e4f6a8b0c1d", "answer": "accepted"}""");

        var refused = Assert.Throws<AnswerRejectedException>(() => PartnerReplyReader.Read(contentType, body));

        Assert.Equal("the content type must be application/json (UTF-8)", refused.Message);
        Assert.Contains($"`{refused.Message}`", PartnersGuide.Text);
    }

    [Fact]
    public void The_partners_guide_has_a_table_of_refused_bodies()
    {
        Assert.NotEmpty(PartnersGuide.Refusals);
    }

    private static JsonObject Message(string key) => Document.Messages.Single(m => m.Key == key).Message;

    private static JsonObject ExamplePayload(string message, string example) =>
        AsyncApiDocument.Examples(Message(message)).Single(e => e.Name == example).Payload;
}
