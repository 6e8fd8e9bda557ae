using System.Security.Claims;

namespace Pathway.Host.Access;

/// <summary>
/// The signed-in user as Pathway sees it, read from ProConnect-compatible claims (uid, given_name, usual_name,
/// email, siret) and Pathway's own (<see cref="PathwayClaims"/>). <see cref="Actor"/> is what the journal records.
/// </summary>
public sealed record CurrentUser(string Id, string DisplayName, IReadOnlyList<string> Roles, string? PartnerId)
{
    /// <summary>Written on every journal line the user causes, and in the access journal.</summary>
    public string Actor => "user:" + Id;

    public bool Is(string role) => Roles.Contains(role);

    public bool SeesIdentity => Policies.SeeIdentity.Any(Is);

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue("uid") ?? principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier)
                 ?? throw new InvalidOperationException("The signed-in user has no uid or sub claim.");
        var name = string.Join(' ', new[] { principal.FindFirstValue("given_name"), principal.FindFirstValue("usual_name") }
            .Where(n => !string.IsNullOrWhiteSpace(n)));
        return new CurrentUser(id, name.Length > 0 ? name : id,
            principal.FindAll(PathwayClaims.Role).Select(c => c.Value).Distinct().ToList(),
            principal.FindFirstValue(PathwayClaims.Partner));
    }
}

public static class CurrentUserExtensions
{
    public static CurrentUser User(this HttpContext context) => CurrentUser.From(context.User);
}
