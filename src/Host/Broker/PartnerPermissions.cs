using System.Text.RegularExpressions;
using Pathway.Activities.Partners;

namespace Pathway.Host.Broker;

/// <summary>
/// What a partner's broker user may do on the vhost, as RabbitMQ's three name patterns: declare nothing, publish
/// only to its own answer exchange, consume only its own queue. Anchored (^…$) and escaped, so that no other
/// name matches: '.' would otherwise match any character.
/// </summary>
internal sealed record PartnerPermissions(string Configure, string Write, string Read)
{
    public static PartnerPermissions Of(Partner partner) => new(
        Configure: "^$",
        Write: Exactly(BrokerNames.AnswersExchangeOf(partner.Id)),
        Read: Exactly(partner.Queue));

    private static string Exactly(string name) => "^" + Regex.Escape(name) + "$";
}
