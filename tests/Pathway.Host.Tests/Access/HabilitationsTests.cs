using Microsoft.Extensions.Configuration;
using Pathway.Activities.Partners;
using Pathway.Host.Access;
using Pathway.Host.Setup;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Access;

/// <summary>The habilitations (<c>Pathway:Access:Habilitations</c>): checked at start-up, every problem named.</summary>
public sealed class HabilitationsTests
{
    private static readonly PartnerRegistry Partners = PartnerRegistry.Load(RepositoryFile.Path("definitions/partners.json"));

    [Fact]
    public void A_person_is_found_by_uid_or_by_email_whatever_its_case()
    {
        var habilitations = Read(
            ("0:Uid", "camille.martin"), ("0:Roles:0", Roles.Coordinator), ("0:Roles:1", Roles.Intake),
            ("1:Email", "agent@crip93.example.fr"), ("1:Roles:0", Roles.Partner), ("1:Partner", "crip-93"));

        Assert.Equal([Roles.Coordinator, Roles.Intake], habilitations.Find("camille.martin", null)?.Roles);
        Assert.Equal("crip-93", habilitations.Find("someone", "AGENT@crip93.example.fr")?.Partner);
        Assert.Null(habilitations.Find("someone", "someone@example.fr"));
    }

    [Fact]
    public void No_habilitations_is_allowed_nobody_may_do_anything()
    {
        Assert.Empty(Read().All);
    }

    public static TheoryData<string, string, string> Wrong => new()
    {
        { "Roles:1", "administrator", "Pathway:Access:Habilitations:0:Roles: 'administrator' is not a role; use process-owner, coordinator, ase-inspector, partner, observatory, intake." },
        { "Roles:1", "", "Pathway:Access:Habilitations:0:Roles: '' is not a role" },
        { "Email", "also@example.fr", "Pathway:Access:Habilitations:0: give either Uid or Email" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void A_wrong_entry_refuses_the_start_naming_it(string key, string value, string message)
    {
        var problems = Refused(("0:Uid", "camille.martin"), ("0:Roles:0", Roles.Coordinator), ("0:" + key, value));

        Assert.Contains(message, problems);
    }

    [Fact]
    public void A_partner_agent_needs_exactly_one_partner_of_the_registry_and_no_other_role()
    {
        var problems = Refused(
            ("0:Uid", "a"), ("0:Roles:0", Roles.Partner),
            ("1:Uid", "b"), ("1:Roles:0", Roles.Partner), ("1:Partner", "nowhere-93"),
            ("2:Uid", "c"), ("2:Roles:0", Roles.Partner), ("2:Roles:1", Roles.Coordinator), ("2:Partner", "crip-93"),
            ("3:Uid", "d"), ("3:Roles:0", Roles.Coordinator), ("3:Partner", "crip-93"));

        Assert.Contains("Pathway:Access:Habilitations:0:Partner is required with the partner role", problems);
        Assert.Contains("Pathway:Access:Habilitations:1:Partner: 'nowhere-93' is not in the partner registry (partners.json).", problems);
        Assert.Contains("Pathway:Access:Habilitations:2:Roles: the partner role cannot be combined with another role.", problems);
        Assert.Contains("Pathway:Access:Habilitations:3:Partner is set but the roles do not include partner.", problems);
    }

    [Fact]
    public void A_person_listed_twice_is_named_by_position_not_by_identity()
    {
        var problems = Refused(
            ("0:Email", "camille.martin@example.fr"), ("0:Roles:0", Roles.Coordinator),
            ("1:Email", "Camille.Martin@example.fr"), ("1:Roles:0", Roles.Inspector));

        Assert.Contains("Pathway:Access:Habilitations:0, Pathway:Access:Habilitations:1 give the same email", problems);
        Assert.DoesNotContain("camille", problems, StringComparison.OrdinalIgnoreCase);
    }

    private static Habilitations Read(params (string Key, string Value)[] settings) =>
        Habilitations.Read(Configuration(settings), Partners);

    private static string Refused(params (string Key, string Value)[] settings) =>
        Assert.Throws<PathwayStartupException>(() => Read(settings)).Message;

    private static IConfiguration Configuration((string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s =>
            new KeyValuePair<string, string?>(Habilitations.Section + ":" + s.Key, s.Value))).Build();
}
