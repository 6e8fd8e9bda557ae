using System.Net;
using Pathway.Host.Setup;

namespace Pathway.Host.Access;

/// <summary>
/// The OpenID Connect provider whose tokens the API accepts (<c>Pathway:Authentication</c>): ProConnect, or a
/// provider that brokers it and issues JWT access tokens with the same claims.
/// </summary>
/// <param name="Authority">The provider's issuer; its discovery document is read from
/// <c>{Authority}/.well-known/openid-configuration</c>.</param>
/// <param name="Audience">The <c>aud</c> tokens must carry: <c>Audience</c>, else <c>ClientId</c>.</param>
/// <param name="ClientId">The web app's client id at the provider (given to the web app by <c>/api/session/options</c>).</param>
/// <param name="Scope">What the web app asks for.</param>
/// <param name="RequireHttpsMetadata">Whether the discovery document and the keys must come over HTTPS: true
/// unless set, or unless the authority is on loopback (a provider run beside the host, in tests).</param>
public sealed record SignInSettings(string Authority, string Audience, string? ClientId, string Scope, bool RequireHttpsMetadata)
{
    public const string Section = "Pathway:Authentication";

    /// <summary>ProConnect's scopes are named after the claims they release.</summary>
    public const string DefaultScope = "openid given_name usual_name email uid siret";

    /// <summary>The settings, or null when no authority is configured (no one can sign in with a provider).</summary>
    /// <exception cref="PathwayStartupException">An authority is configured but the settings are incomplete or wrong.</exception>
    public static SignInSettings? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["Authority"])) return null;
        if (!Uri.TryCreate(section["Authority"], UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            throw new PathwayStartupException($"{Section}:Authority is '{section["Authority"]}': give the provider's issuer URL (https://…).");

        var clientId = NonBlank(section["ClientId"]);
        // Without an audience any token of the provider, issued for any application, would open Pathway.
        var audience = NonBlank(section["Audience"]) ?? clientId
                       ?? throw new PathwayStartupException($"{Section}:Audience (or {Section}:ClientId) is required with {Section}:Authority: tokens are accepted only for Pathway.");
        var requireHttps = section["RequireHttpsMetadata"] is { Length: > 0 } given
            ? bool.TryParse(given, out var value) ? value : throw new PathwayStartupException($"{Section}:RequireHttpsMetadata is '{given}': use true or false.")
            : !IsLoopback(authority);
        if (requireHttps && authority.Scheme != "https")
            throw new PathwayStartupException($"{Section}:Authority must use https (or set {Section}:RequireHttpsMetadata to false, for a provider on this machine only).");
        return new SignInSettings(authority.ToString().TrimEnd('/'), audience, clientId, NonBlank(section["Scope"]) ?? DefaultScope, requireHttps);
    }

    /// <summary>What the web app needs to run the authorization-code flow, when it can (a client id is set).</summary>
    public OidcOptions? ForWebApp() => ClientId is null ? null : new OidcOptions(Authority, ClientId, Scope);

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The provider's settings as the session endpoints need them (null: none configured).</summary>
public sealed record SignInOptions(SignInSettings? Provider);
