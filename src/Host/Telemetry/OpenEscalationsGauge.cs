using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Messaging;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Telemetry;

/// <summary>
/// <c>pathway.escalations.open</c>: the escalations open now, by level (1, the coordination; 2, the ASE
/// inspection), counted from the <c>escalations</c> table (its partial index on open rows) when the exporter
/// collects — no polling loop, nothing done while telemetry is off. Both levels are always reported, 0 included, so
/// a dashboard tells "none open" from "not measured". Built by the meter provider (<see cref="TelemetryServices"/>)
/// on the host's own <see cref="IMeterFactory"/>, so that it ends with the host.
/// </summary>
internal sealed class OpenEscalationsGauge
{
    private static readonly int[] Levels = [1, 2];

    private readonly PathwayDatabase _database;
    private readonly ILogger<OpenEscalationsGauge> _logger;

    public OpenEscalationsGauge(IMeterFactory meters, PathwayDatabase database, ILogger<OpenEscalationsGauge> logger)
    {
        (_database, _logger) = (database, logger);
        meters.Create(PathwayMetrics.Name).CreateObservableGauge("pathway.escalations.open", Observe, "{escalation}",
            "Escalations open now, by level (1: the coordination, 2: the ASE inspection).");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        Dictionary<int, int> open;
        try
        {
            // The exporter's callback is synchronous: one grouped count on the partial index.
            using var db = _database.CreateContext();
            open = db.Escalations.AsNoTracking().Where(e => e.ClosedAt == null).GroupBy(e => e.Level)
                .Select(g => new { Level = g.Key, Count = g.Count() }).ToDictionary(g => g.Level, g => g.Count);
        }
        catch (Exception failure) when (TransientFaults.Includes(failure))
        {
            // The database away: no measurement this time rather than a wrong zero.
            _logger.LogWarning("Open escalations not counted: {Failure}.", TransientFaults.Describe(failure));
            return [];
        }

        return Levels.Union(open.Keys).Order()
            .Select(level => new Measurement<long>(open.GetValueOrDefault(level), new KeyValuePair<string, object?>("pathway.escalation.level", level)))
            .ToList();
    }
}
