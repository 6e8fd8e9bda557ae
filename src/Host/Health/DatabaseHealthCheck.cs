using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Health;

/// <summary>Ready only while the database answers: without it no file can advance.</summary>
internal sealed class DatabaseHealthCheck(PathwayDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The {database.Provider} database does not answer.");
}
