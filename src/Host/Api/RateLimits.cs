using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Pathway.Host.Access;
using Pathway.Host.Setup;

namespace Pathway.Host.Api;

/// <summary>
/// How often one caller may do what is costly or tempting to repeat: sign in (per client address, since the caller
/// is not known yet) and open files (per user). Past the limit the answer is a 429 with <c>Retry-After</c>; each limit
/// is a fixed window set by <c>Pathway:RateLimits:{SignIn|Intake}:{PermitLimit|Window}</c> (<see cref="RateLimitSettings"/>).
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Intake = "intake";

    public static IServiceCollection AddPathwayRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => Window(settings.SignIn)));
            options.AddPolicy(Intake, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.IsAuthenticated == true ? context.User().Actor : ClientAddress(context), _ => Window(settings.Intake)));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected, settings, cancellationToken);
        });
        return services;
    }

    /// <summary>The client's address as the host sees it; behind a reverse proxy, the proxy's unless forwarded
    /// headers are configured (docs/api.md).</summary>
    private static string ClientAddress(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    // No queue: a caller past its limit is told at once when to come back, rather than kept waiting.
    private static FixedWindowRateLimiterOptions Window(RateLimit limit) =>
        new() { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RateLimitSettings settings, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var window = policy == SignIn ? settings.SignIn.Window : settings.Intake.Window;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits).FullName!)
            .LogWarning("{Method} {Route} answered 429: the {Policy} limit was reached.", context.Request.Method,
                (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText, policy);

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = ApiProblems.TooManyRequests,
                Detail = $"Trop de demandes en peu de temps : celle-ci n'a pas été effectuée. Vous pourrez la renvoyer dans {seconds} s.",
            },
        });
    }
}

/// <summary>A fixed window: at most <paramref name="PermitLimit"/> requests per <paramref name="Window"/>.</summary>
public sealed record RateLimit(int PermitLimit, TimeSpan Window);

/// <summary>
/// <c>Pathway:RateLimits</c>. Defaults: 10 sign-ins per minute per client address (a person signs in a few times a
/// day); 10 intakes per minute per user (an intake desk opens a few files an hour, so ten in a minute is already a
/// burst, and 300 in a few seconds is a script).
/// </summary>
public sealed record RateLimitSettings(RateLimit SignIn, RateLimit Intake)
{
    public const string Section = "Pathway:RateLimits";

    public static readonly RateLimit DefaultSignIn = new(10, TimeSpan.FromMinutes(1));
    public static readonly RateLimit DefaultIntake = new(10, TimeSpan.FromMinutes(1));

    /// <exception cref="PathwayStartupException">A limit is not a positive number, or a window not a positive duration.</exception>
    public static RateLimitSettings Read(IConfiguration configuration) => new(
        ReadLimit(configuration, "SignIn", DefaultSignIn),
        ReadLimit(configuration, "Intake", DefaultIntake));

    private static RateLimit ReadLimit(IConfiguration configuration, string name, RateLimit fallback)
    {
        var key = $"{Section}:{name}";
        var section = configuration.GetSection(key);
        var permits = section["PermitLimit"] is { Length: > 0 } given
            ? int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new PathwayStartupException($"{key}:PermitLimit is '{given}': give a number of requests, 1 or more.")
            : fallback.PermitLimit;
        var window = section["Window"] is { Length: > 0 } span
            ? TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out var w) && w > TimeSpan.Zero
                ? w
                : throw new PathwayStartupException($"{key}:Window is '{span}': give a duration such as 00:01:00 (one minute).")
            : fallback.Window;
        return new RateLimit(permits, window);
    }
}
