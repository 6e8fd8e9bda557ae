using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Pathway.Host.Access;

/// <summary>How the API checks the OpenID Connect provider's bearer tokens: signed by a key of the provider's
/// JWKS, issued by it, for Pathway's audience, not expired. Claims keep their JWT names (uid, given_name…).</summary>
internal static class ProviderTokens
{
    public static void Configure(JwtBearerOptions options, SignInSettings? provider)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "uid";
        options.TokenValidationParameters.RoleClaimType = PathwayClaims.Role;
        if (provider is null)
        {
            // No provider: nobody signs in this way. Ignoring tokens keeps the answer a plain 401.
            options.Events = new JwtBearerEvents { OnMessageReceived = context => { context.NoResult(); return Task.CompletedTask; } };
            return;
        }

        // Journals record who acted: a token that names no one is no sign-in.
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.FindFirst("uid") is null && context.Principal?.FindFirst("sub") is null)
                    context.Fail("The token names no user (no uid, no sub).");
                return Task.CompletedTask;
            },
        };
        options.Authority = provider.Authority;
        options.Audience = provider.Audience;
        options.RequireHttpsMetadata = provider.RequireHttpsMetadata;
    }
}
