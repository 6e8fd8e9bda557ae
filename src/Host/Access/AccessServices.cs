namespace Pathway.Host.Access;

/// <summary>Sign-in (bearer tokens from the OpenID Connect provider; the development sign-in in Development only)
/// and the authorization policies.</summary>
public static class AccessServices
{
    public static WebApplicationBuilder AddPathwayAccess(this WebApplicationBuilder builder)
    {
        // TODO(access helper): authentication schemes (JwtBearer, development sign-in), habilitations.
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorizationBuilder().AddPathwayPolicies();
        return builder;
    }

    /// <summary>The session endpoints (who am I, sign-in options, the development sign-in).</summary>
    public static RouteGroupBuilder MapSession(this RouteGroupBuilder api) => api;
}
