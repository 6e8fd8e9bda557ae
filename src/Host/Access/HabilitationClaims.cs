using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Pathway.Host.Access;

/// <summary>
/// Gives a user signed in with the provider the roles (and partner) of their habilitation. Whatever
/// <c>pathway_*</c> claim the provider's token carries is dropped first: only the habilitations decide.
/// </summary>
/// <remarks>ASP.NET Core may run a transformation more than once per request; dropping then adding makes it
/// come out the same each time.</remarks>
internal sealed class HabilitationClaims(Habilitations habilitations) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        // The development sign-in (Development only) issues its own roles; any other identity is the provider's.
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } token || token.AuthenticationType == DevelopmentSignIn.Scheme)
            return Task.FromResult(principal);

        var identity = new ClaimsIdentity(token.Claims.Where(c => !IsPathways(c)), token.AuthenticationType, token.NameClaimType, token.RoleClaimType);
        if (habilitations.Find(identity.FindFirst("uid")?.Value ?? identity.FindFirst("sub")?.Value, identity.FindFirst("email")?.Value) is { } habilitation)
        {
            identity.AddClaims(habilitation.Roles.Select(r => new Claim(PathwayClaims.Role, r)));
            if (habilitation.Partner is { } partner) identity.AddClaim(new Claim(PathwayClaims.Partner, partner));
        }

        return Task.FromResult(new ClaimsPrincipal(identity));
    }

    private static bool IsPathways(Claim claim) => claim.Type.StartsWith("pathway_", StringComparison.Ordinal);
}
