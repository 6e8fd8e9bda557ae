using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pathway.Activities.Partners;

namespace Pathway.Host.Access;

/// <summary>
/// The embedded default's sign-in: pick a seeded user, get a bearer token. It exists only in the Development
/// environment (the endpoint is not even mapped elsewhere, so it answers 404), and its tokens are signed with a key
/// made at start-up and never stored: they die with the process.
/// </summary>
public sealed class DevelopmentSignIn
{
    public const string Scheme = "development";
    public const string Issuer = "pathway-development";
    public const string Audience = "pathway";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(10);

    private readonly SymmetricSecurityKey key = new(RandomNumberGenerator.GetBytes(32));

    public DevelopmentSignIn(PartnerRegistry partners)
    {
        Users = [.. People, .. partners.All.Select(p => new DevelopmentUser(
            "partenaire-" + p.Id, "Agent", p.Name, [Roles.Partner], p.Id))];
    }

    /// <summary>One user per role, and one agent per partner of the registry.</summary>
    public IReadOnlyList<DevelopmentUser> Users { get; }

    private static readonly DevelopmentUser[] People =
    [
        new("coordinatrice", "Camille", "Martin", [Roles.Coordinator], null),
        new("inspectrice", "Nadia", "Benali", [Roles.Inspector], null),
        new("pilote", "Julien", "Moreau", [Roles.ProcessOwner], null),
        new("observatoire", "Léa", "Fontaine", [Roles.Observatory], null),
        new("accueil", "Sofia", "Haddad", [Roles.Intake], null),
    ];

    public DevelopmentUser? Find(string id) => Users.FirstOrDefault(u => u.Id == id);

    /// <summary>A token carrying the same claims a ProConnect user with habilitations would have.</summary>
    public (string Token, DateTime ExpiresAt) Issue(DevelopmentUser user)
    {
        var expires = DateTime.UtcNow.Add(Lifetime);
        var claims = new List<Claim>
        {
            new("sub", user.Id), new("uid", user.Id), new("given_name", user.GivenName), new("usual_name", user.UsualName),
            new("email", user.Id + "@pathway.invalid"),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(PathwayClaims.Role, r)));
        if (user.Partner is { } partner) claims.Add(new Claim(PathwayClaims.Partner, partner));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = Audience, Expires = expires, Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    public void Configure(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer, ValidAudience = Audience, IssuerSigningKey = key,
            // Tells HabilitationClaims these roles come from this sign-in, not from a provider's token.
            AuthenticationType = Scheme,
            NameClaimType = "uid", RoleClaimType = PathwayClaims.Role,
        };
    }

    /// <summary>Whether a request carries a token of this sign-in (read, not validated: the scheme validates).</summary>
    /// <remarks>Runs on every request, before any endpoint: it must never throw. A token that only looks like a JWT
    /// (three dot-separated parts that do not decode) is not this sign-in's; the provider's scheme then refuses it
    /// (401 where a sign-in is needed) and anonymous endpoints answer as usual.</remarks>
    public static bool Carries(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var token = header["Bearer ".Length..].Trim();
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token)) return false;
        try
        {
            return handler.ReadJsonWebToken(token).Issuer == Issuer;
        }
        catch (Exception exception) when (exception is SecurityTokenMalformedException or ArgumentException)
        {
            return false;
        }
    }
}

public sealed record DevelopmentUser(string Id, string GivenName, string UsualName, IReadOnlyList<string> Roles, string? Partner)
{
    public string Name => GivenName + " " + UsualName;
}
