namespace Pathway.Activities.Partners;

/// <summary>
/// One institution or association of the protocol that receives tasks and answers them. <see cref="Name"/> is
/// French (users see it); <see cref="Role"/> says what it does in the pathway (<see cref="PartnerRoles"/>);
/// <see cref="Queue"/> is where its tasks wait (<see cref="BrokerNames"/>).
/// </summary>
public sealed record Partner(string Id, string Name, string Role, string Queue, PartnerContact Contact);

/// <summary>Who to reach at a partner about a file: a service and its functional mailbox and phone, never a person.</summary>
public sealed record PartnerContact(string Service, string Email, string Phone);
