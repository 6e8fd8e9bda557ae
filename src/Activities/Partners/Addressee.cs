namespace Pathway.Activities.Partners;

/// <summary>
/// Who a task, a message or an escalation is for: one partner of the registry, or every partner holding a role
/// (escalations go to the coordination, then to the inspection, whichever association holds the role). Stored on
/// bookmarks and outbox rows, and written in journals, as text: the partner's id, or <c>role:</c> and the role —
/// read and written here only.
/// </summary>
public readonly record struct Addressee
{
    private const string RolePrefix = "role:";

    private Addressee(string? partnerId, string? role) => (PartnerId, Role) = (partnerId, role);

    /// <summary>The one partner addressed; null when a role is.</summary>
    public string? PartnerId { get; }

    /// <summary>The role addressed; null when one partner is.</summary>
    public string? Role { get; }

    public static Addressee OfPartner(string partnerId) => new(partnerId, null);

    public static Addressee OfRole(string role) => new(null, role);

    /// <summary>Reads the stored text: <c>role:coordination</c> is a role, anything else a partner id.</summary>
    public static Addressee Parse(string text) =>
        text.StartsWith(RolePrefix, StringComparison.Ordinal) ? OfRole(text[RolePrefix.Length..]) : OfPartner(text);

    /// <summary>Whether <paramref name="partner"/> is addressed: it is the partner, or it holds the role.</summary>
    public bool Includes(Partner partner) => Role is null ? PartnerId == partner.Id : Role == partner.Role;

    /// <summary>The stored text.</summary>
    public override string ToString() => Role is null ? PartnerId ?? "" : RolePrefix + Role;
}
