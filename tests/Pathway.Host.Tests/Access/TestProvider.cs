using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pathway.Host.Tests.Access;

/// <summary>
/// A tiny OpenID Connect provider for tests, on 127.0.0.1: its discovery document and its JWKS (one RSA key made
/// for this run), and tokens signed with that key, with ProConnect's claims, as a real provider would issue them.
/// </summary>
internal sealed class TestProvider : IAsyncDisposable
{
    public const string Audience = "pathway-api";
    public const string ClientId = "pathway-web";
    private const string KeyId = "test-key";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);

    private TestProvider(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>Its issuer, also where its discovery document is (<c>/.well-known/openid-configuration</c>).</summary>
    public string Authority { get; }

    public static async Task<TestProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestProvider? provider = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider!.Authority,
            ["jwks_uri"] = provider.Authority + "/jwks",
            ["authorization_endpoint"] = provider.Authority + "/authorize",
            ["token_endpoint"] = provider.Authority + "/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = new[] { provider!.PublicKey() } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider = new TestProvider(app, address.TrimEnd('/'));
        return provider;
    }

    /// <summary>A token for a ProConnect user (<paramref name="uid"/>, named Camille Martin unless told), valid for
    /// Pathway; <paramref name="change"/> makes it wrong in one way (audience, issuer, lifetime, claims).</summary>
    public string Token(string uid, string? email = null, Action<SecurityTokenDescriptor>? change = null, RSA? signWith = null)
    {
        var now = DateTime.UtcNow;
        var token = new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", "proconnect-" + uid), new Claim("uid", uid), new Claim("given_name", "Camille"),
                new Claim("usual_name", "Martin"), new Claim("email", email ?? uid + "@example.gouv.fr"), new Claim("siret", "22930008201453"),
            ]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? _key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(token);
        return new JsonWebTokenHandler().CreateToken(token);
    }

    private Dictionary<string, string> PublicKey()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
