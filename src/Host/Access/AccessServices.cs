using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Pathway.Activities.Partners;
using Pathway.Host.Api;

namespace Pathway.Host.Access;

/// <summary>Sign-in (bearer tokens from the OpenID Connect provider; the development sign-in in Development only)
/// and the authorization policies.</summary>
public static class AccessServices
{
    /// <summary>Forwards each request to the scheme that issued its token.</summary>
    private const string SelectScheme = "pathway";

    /// <exception cref="Setup.PathwayStartupException">The sign-in settings or the habilitations are wrong.</exception>
    public static WebApplicationBuilder AddPathwayAccess(this WebApplicationBuilder builder, PartnerRegistry partners)
    {
        var development = builder.Environment.IsDevelopment();
        var provider = SignInSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(new SignInOptions(provider));
        builder.Services.AddSingleton(Habilitations.Read(builder.Configuration, partners));
        builder.Services.AddTransient<IClaimsTransformation, HabilitationClaims>();
        if (provider is null && !development) builder.Services.AddHostedService<NoProviderWarning>();

        var authentication = builder.Services.AddAuthentication(SelectScheme)
            .AddPolicyScheme(SelectScheme, "Pathway", options => options.ForwardDefaultSelector = context =>
                development && DevelopmentSignIn.Carries(context) ? DevelopmentSignIn.Scheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options => ProviderTokens.Configure(options, provider));
        if (development)
        {
            builder.Services.AddSingleton<DevelopmentSignIn>();
            authentication.AddJwtBearer(DevelopmentSignIn.Scheme, _ => { });
            builder.Services.AddOptions<JwtBearerOptions>(DevelopmentSignIn.Scheme)
                .Configure<DevelopmentSignIn>((options, signIn) => signIn.Configure(options));
        }

        builder.Services.AddAuthorizationBuilder().AddPathwayPolicies();
        return builder;
    }

    /// <summary>The session endpoints: sign-in options, the development sign-in (Development only), who am I.</summary>
    public static RouteGroupBuilder MapSession(this RouteGroupBuilder api)
    {
        var session = api.MapGroup("/session").WithTags("Session");
        session.MapGet("/options", Options).AllowAnonymous()
            .WithSummary("How to sign in: the OpenID Connect provider, or the development sign-in and its users");
        // Any signed-in user, habilitated or not: the web app says "no access" rather than failing.
        session.MapGet("", (HttpContext context, PartnerRegistry partners) => TypedResults.Ok(SessionOf(context.User(), partners)))
            .RequireAuthorization().WithSummary("Who is signed in, with which roles (none: no habilitation) and for which partner");
        var environment = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (environment.IsDevelopment())
            session.MapPost("/dev-sign-in", DevSignIn).AllowAnonymous()
                .RequireRateLimiting(RateLimits.SignIn)
                .WithSummary("Development only (404 elsewhere): a bearer token for one of the seeded users");
        return api;
    }

    private static Ok<SessionOptions> Options(IServiceProvider services)
    {
        var signIn = services.GetService<DevelopmentSignIn>();
        return TypedResults.Ok(new SessionOptions(
            signIn is not null,
            signIn?.Users.Select(u => new SessionUser(u.Id, u.Name, u.Roles, u.Partner)).ToList() ?? [],
            services.GetRequiredService<SignInOptions>().Provider?.ForWebApp()));
    }

    private static Results<Ok<SignedIn>, ValidationProblem> DevSignIn(DevSignInRequest request, DevelopmentSignIn signIn, PartnerRegistry partners)
    {
        if (request.User is not { } id || signIn.Find(id) is not { } user)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["user"] = ["Utilisateur inconnu."] });
        var (token, expiresAt) = signIn.Issue(user);
        var session = new Session(user.Id, user.Name, user.Roles, user.Partner is { } p ? PartnerRef.Of(partners, p) : null);
        return TypedResults.Ok(new SignedIn(token, expiresAt, session));
    }

    private static Session SessionOf(CurrentUser user, PartnerRegistry partners) =>
        new(user.Id, user.DisplayName, user.Roles, user.PartnerId is { } p ? PartnerRef.Of(partners, p) : null);
}

public sealed record DevSignInRequest(string? User);

public sealed record SignedIn(string Token, DateTime ExpiresAt, Session User);

public sealed record Session(string Id, string Name, IReadOnlyList<string> Roles, PartnerRef? Partner);

public sealed record SessionUser(string Id, string Name, IReadOnlyList<string> Roles, string? Partner);

public sealed record OidcOptions(string Authority, string ClientId, string Scope);

public sealed record SessionOptions(bool DevSignIn, IReadOnlyList<SessionUser> Users, OidcOptions? Oidc);

/// <summary>A partner as the API shows it: id and French name.</summary>
public sealed record PartnerRef(string Id, string Name)
{
    public static PartnerRef Of(PartnerRegistry partners, string id) => new(id, partners.Find(id)?.Name ?? id);
}
