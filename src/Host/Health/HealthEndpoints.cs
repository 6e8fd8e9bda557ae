using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pathway.Host.Scheduling;

namespace Pathway.Host.Health;

/// <summary>
/// Three probes, each answering <c>{"status": …, "checks": {name: status}}</c>:
/// <list type="bullet">
/// <item><c>/health/live</c>, for restarts: the process answers (no check runs).</item>
/// <item><c>/health/ready</c>, for load balancers: the checks tagged <see cref="Ready"/> — the database only, since
/// intake and the web app work while the broker is away (messages wait in the outbox); 503 when it does not answer.</item>
/// <item><c>/health</c>, for monitors: every check (database, broker, scheduler); 503 when any is unhealthy or
/// degraded.</item>
/// </list>
/// </summary>
public static class HealthEndpoints
{
    // Pathway's own tag: MassTransit tags its bus check "ready" by itself.
    public const string Ready = "pathway-ready";

    // A check that hangs must not hang the probe: past this it counts as unhealthy.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The readiness checks, one line each.</summary>
    public static IServiceCollection AddPathwayHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: Timeout)
            .AddSchedulerCheck(Timeout);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            // A monitor must hear of a broker that is reconnecting (degraded) as much as of one that is gone.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(
            new HealthBody(report.Status.ToString(),
                new SortedDictionary<string, string>(report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()), StringComparer.Ordinal)),
            JsonSerializerOptions.Web,
            context.RequestAborted);

    private sealed record HealthBody(string Status, IReadOnlyDictionary<string, string> Checks);
}
