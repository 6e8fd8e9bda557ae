using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Records;

namespace Pathway.Host.Tests.Telemetry;

/// <summary>
/// With a collector configured by the standard OpenTelemetry variables, the host exports its traces and metrics over
/// OTLP — the web requests, the database, the bus, the engine's steps, Pathway's own measures — and not one span,
/// tag or metric carries the personal data of the file that ran.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_whole_file_run_is_exported_over_OTLP_without_personal_data()
    {
        using var collector = new OtlpCollector();
        using var folder = TestFolder.WithRepositoryDefinitions();
        var run = new PathwayRun(folder, settings: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "pathway-test",
        });

        await using (run)
        {
            await WholeFileRun.RunAsync(run);
            // Everything recorded so far is exported now, and answered by the collector, before the host stops.
            var tracing = (OpenTelemetry.Trace.TracerProvider?)run.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider));
            var metering = (OpenTelemetry.Metrics.MeterProvider?)run.Services.GetService(typeof(OpenTelemetry.Metrics.MeterProvider));
            Assert.NotNull(tracing);
            Assert.NotNull(metering);
            Assert.True(OpenTelemetry.Trace.TracerProviderExtensions.ForceFlush(tracing, 60_000), "The traces were not exported.");
            Assert.True(OpenTelemetry.Metrics.MeterProviderExtensions.ForceFlush(metering, 60_000), "The metrics were not exported.");
        }

        var traces = string.Join("\n", collector.Received("/v1/traces"));
        var metrics = string.Join("\n", collector.Received("/v1/metrics"));
        Assert.True(traces.Contains("pathway-test"), "Received: " + string.Join(", ", collector.Paths));
        Assert.Contains("pathway.step start", traces);
        Assert.Contains("pathway.step apply", traces);
        Assert.Contains("/api/intake", traces);
        foreach (var name in new[] { "pathway.step.duration", "pathway.outbox.lag", "pathway.answers.refused", "http.server.request.duration" })
            Assert.Contains(name, metrics);
        // Open escalations by level, counted from the escalations table when the exporter collects.
        Assert.Contains("pathway.escalations.open", metrics);
        Assert.Contains("pathway.escalation.level", metrics);
        // The refused answer is counted by its kind, never by what it said.
        Assert.Contains("does-not-fit-task", metrics);
        var leaks = WholeFileRun.PersonalData
            .SelectMany(p => new[] { ("trace", traces), ("metric", metrics) }
                .Where(signal => signal.Item2.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(signal => $"{signal.Item1}: « {p} »"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public async Task Without_a_collector_nothing_is_exported()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);

        run.Start();

        Assert.Null(run.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
    }
}
