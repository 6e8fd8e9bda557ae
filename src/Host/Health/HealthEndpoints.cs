using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pathway.Host.Scheduling;

namespace Pathway.Host.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no check runs). <c>/health/ready</c>: every check tagged
/// <see cref="Ready"/> passes; 503 otherwise. Both answer <c>{"status": …, "checks": {name: status}}</c>.
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

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
