using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Activities.Tasks;

namespace Pathway.Workflows.Tests.Pathway;

/// <summary>
/// Shared professional secrecy (CASF L226-2-2): each partner receives only the file's data the activity addressed
/// to it declares. Checked on every message of every walkthrough, not only on the definitions.
/// </summary>
public sealed class SharedInformationTests
{
    public static TheoryData<string> Scenarios => new(Walkthroughs.All.Keys);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_task_and_information_carries_exactly_the_fields_its_activity_declares(string walkthrough)
    {
        var file = Walkthroughs.All[walkthrough]();

        var messages = file.Messages.Where(m => m.Effect.Kind is MessageTypes.TaskAssigned or MessageTypes.Information).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m =>
        {
            var declared = DeclaredFields(m).Order(StringComparer.Ordinal);
            Assert.Equal(declared, m.Data!.Select(p => p.Key).Order(StringComparer.Ordinal));
        });
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void No_message_to_a_partner_carries_the_minors_identity_unless_its_activity_declares_it(string walkthrough)
    {
        var file = Walkthroughs.All[walkthrough]();
        var identity = PathwayDefinitions.Identity.ToDictionary(v => v, v => file.State.Variables[v]!.GetValue<string>());

        Assert.All(file.Messages, m =>
        {
            // The whole message, reminders, withdrawals and escalations included: no identity slips in through a title or reason.
            var text = m.Effect.Payload.ToJsonString(new System.Text.Json.JsonSerializerOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            var declared = m.Effect.Kind is MessageTypes.TaskAssigned or MessageTypes.Information ? DeclaredFields(m) : [];
            foreach (var (variable, value) in identity.Where(i => !declared.Contains(i.Key)))
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_walkthroughs_do_send_the_identity_to_the_partners_whose_tasks_need_it()
    {
        var file = Walkthroughs.V2SpecificAemoWithRunaway();

        Assert.Equal("Inès", file.Assigned("decision-parquet")["data"]!["prenom"]!.GetValue<string>());
        Assert.Equal(["dateNaissance", "mesure", "prenom"], Keys(file.Assigned("aemo-avvej")["data"]));
        Assert.Equal(["dateFugue", "prenom"], Keys(file.Assigned("reprise-contact-asteriia")["data"]));
    }

    private static IReadOnlyList<string> DeclaredFields(SentMessage message) => message.Node.Activity switch
    {
        PartnerTask task => task.Fields ?? [],
        Notify notify => notify.Fields ?? [],
        _ => [],
    };

    private static IEnumerable<string> Keys(JsonNode? data) => data!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
}
