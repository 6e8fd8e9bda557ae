using System.Globalization;
using System.Text.Json.Nodes;
using Pathway.Activities.Partners;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Broker;

/// <summary>The partner registry: the protocol's file, and what a broken file is told.</summary>
public sealed class PartnerRegistryTests
{
    private const string Source = "definitions/partners.json";

    private static readonly string[] ProtocolPartners =
    [
        "parquet-difaje", "juge-des-enfants", "crip-93", "ase-93", "pjj-93", "cdef-93", "amicale-du-nid-93",
        "sauvegarde-93", "avvej", "jean-cotxet", "croix-rouge", "accueil-specialise-93", "accueil-specialise-hors-93",
        "consultation-psychotrauma", "asteriia", "inspecteur-ase",
    ];

    [Fact]
    public void The_protocol_registry_lists_every_partner_of_the_protocol()
    {
        var registry = PartnerRegistry.Load(RepositoryFile.Path(PartnerRegistry.DefaultPath));

        Assert.Equal(ProtocolPartners, registry.Ids);
        Assert.All(registry.All, p => Assert.Equal(BrokerNames.DefaultQueueOf(p.Id), p.Queue));
    }

    [Fact]
    public void The_protocol_registry_has_one_coordinator_one_inspector_and_four_aemo_services()
    {
        var registry = PartnerRegistry.Load(RepositoryFile.Path(PartnerRegistry.DefaultPath));

        Assert.Equal("amicale-du-nid-93", Assert.Single(registry.WithRole(PartnerRoles.Coordination)).Id);
        Assert.Equal("inspecteur-ase", Assert.Single(registry.WithRole(PartnerRoles.Inspection)).Id);
        Assert.Equal(["sauvegarde-93", "avvej", "jean-cotxet", "croix-rouge"], registry.WithRole("aemo").Select(p => p.Id));
        Assert.Equal(["accueil-specialise-93", "accueil-specialise-hors-93"], registry.WithRole("accueil-specialise").Select(p => p.Id));
    }

    [Fact]
    public void The_protocol_registry_holds_placeholder_contacts_only()
    {
        var registry = PartnerRegistry.Load(RepositoryFile.Path(PartnerRegistry.DefaultPath));

        // Functional mailboxes on the reserved example.org domain until the partners configure their own.
        Assert.All(registry.All, p => Assert.EndsWith("@example.org", p.Contact.Email));
    }

    [Fact]
    public void Find_and_Exists_answer_for_known_and_unknown_ids()
    {
        var registry = PartnerRegistry.Parse(Registry(), Source);

        Assert.Equal("Partenaire A", registry.Find("partner-a")!.Name);
        Assert.True(registry.Exists("partner-a"));
        Assert.Null(registry.Find("partner-z"));
        Assert.False(registry.Exists("partner-z"));
        Assert.Empty(registry.WithRole("unheard-of"));
    }

    [Theory]
    [InlineData("/partners/0/name", 7, "/partners/0/name: Must be a string.")]
    [InlineData("/partners/0/name", "  ", "/partners/0/name: Must not be empty.")]
    [InlineData("/partners/0/role", "", "/partners/0/role: Must not be empty.")]
    [InlineData("/partners/0/id", "Partner_A",
        "/partners/0/id: 'Partner_A' is not a well-formed partner id: use lower-case letters, digits and '-', starting with a letter or a digit.")]
    [InlineData("/partners/1/id", "partner-a", "/partners/1/id: Partner id 'partner-a' is already used at /partners/0.")]
    [InlineData("/partners/1/queue", "pathway.partner.partner-a",
        "/partners/1/queue: Queue 'pathway.partner.partner-a' is already the queue of the partner at /partners/0.")]
    [InlineData("/partners/0/queue", "pathway.answers",
        "/partners/0/queue: 'pathway.answers' is not a partner queue name: use 'pathway.partner.' followed by lower-case letters, digits, '-' and '.', such as 'pathway.partner.crip-93'.")]
    [InlineData("/partners/0/contact/email", "nobody", "/partners/0/contact/email: 'nobody' is not an e-mail address.")]
    [InlineData("/partners/0/colour", "blue", "/partners/0/colour: Unknown property 'colour'; expected: id, name, role, queue, contact.")]
    [InlineData("/partners", "none", "/partners: Must be an array of partners.")]
    public void A_bad_value_is_reported_with_its_pointer(string pointer, object value, string problem)
    {
        var registry = JsonNode.Parse(Registry())!;
        Set(registry, pointer, JsonValue.Create(value));

        var exception = Assert.Throws<PartnerRegistryException>(() => PartnerRegistry.Parse(registry.ToJsonString(), Source));

        Assert.Equal([$"{Source}:{problem}"], exception.Problems);
    }

    [Fact]
    public void A_missing_property_is_reported_on_its_object()
    {
        var registry = JsonNode.Parse(Registry())!;
        registry["partners"]![0]!["contact"]!.AsObject().Remove("phone");

        var exception = Assert.Throws<PartnerRegistryException>(() => PartnerRegistry.Parse(registry.ToJsonString(), Source));

        Assert.Equal([$"{Source}:/partners/0/contact: Property 'phone' is required."], exception.Problems);
    }

    [Fact]
    public void Every_problem_is_reported_one_a_line()
    {
        var registry = JsonNode.Parse(Registry())!;
        registry["partners"]![0]!["name"] = "";
        registry["partners"]![1]!["queue"] = "amq.direct";

        var exception = Assert.Throws<PartnerRegistryException>(() => PartnerRegistry.Parse(registry.ToJsonString(), Source));

        Assert.Equal(2, exception.Problems.Count);
        Assert.Equal(exception.Problems, exception.Message.Split(Environment.NewLine).Skip(1));
        Assert.StartsWith($"{Source}:/partners/0/name: ", exception.Problems[0]);
        Assert.StartsWith($"{Source}:/partners/1/queue: 'amq.direct' ", exception.Problems[1]);
    }

    [Fact]
    public void A_file_that_is_not_json_is_reported_at_the_root_with_its_line()
    {
        var exception = Assert.Throws<PartnerRegistryException>(() => PartnerRegistry.Parse("{ \"partners\": [\n  { \"id\": } ] }", Source));

        Assert.StartsWith($"{Source}:: The file is not valid JSON (line 2, position ", Assert.Single(exception.Problems));
    }

    [Fact]
    public void A_property_given_twice_is_not_valid_json()
    {
        var exception = Assert.Throws<PartnerRegistryException>(() => PartnerRegistry.Parse("""{ "partners": [], "partners": [] }""", Source));

        Assert.Contains("'partners'", Assert.Single(exception.Problems));
    }

    [Fact]
    public void Loading_a_missing_file_says_so()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "partners.json");

        var exception = Assert.Throws<PartnerRegistryException>(() => PartnerRegistry.Load(path));

        Assert.Equal([$"{path}:: The file does not exist."], exception.Problems);
    }

    private static string Registry() => """
        {
          "partners": [
            { "id": "partner-a", "name": "Partenaire A", "role": "aemo", "queue": "pathway.partner.partner-a",
              "contact": { "service": "Service d'AEMO", "email": "aemo.a@example.org", "phone": "01 99 00 00 01" } },
            { "id": "partner-b", "name": "Partenaire B", "role": "coordination", "queue": "pathway.partner.partner-b",
              "contact": { "service": "Coordination", "email": "coordination.b@example.org", "phone": "01 99 00 00 02" } }
          ]
        }
        """;

    private static void Set(JsonNode document, string pointer, JsonNode? value)
    {
        var tokens = pointer.TrimStart('/').Split('/');
        var parent = tokens[..^1].Aggregate(document, (node, token) => node is JsonArray array ? array[int.Parse(token, CultureInfo.InvariantCulture)]! : node[token]!);
        parent[tokens[^1]] = value;
    }

}
