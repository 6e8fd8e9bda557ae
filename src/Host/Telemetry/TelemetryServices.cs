using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pathway.Host.Setup;
using Pathway.Workflows.Runtime;
using Quartz.Diagnostics;

namespace Pathway.Host.Telemetry;

/// <summary>
/// Traces and metrics over OTLP, with OpenTelemetry's .NET SDK, when a collector is configured by the standard
/// variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>…,
/// read from the configuration like any setting). Without one nothing is registered, and the instruments of the
/// engine and the host cost a check each. The sources: ASP.NET Core, Npgsql, MassTransit and Quartz (which emit on
/// .NET's own diagnostics), the .NET runtime, the engine's steps (<see cref="StepTelemetry"/>) and the host's measures
/// (<see cref="PathwayMetrics"/>).
/// </summary>
internal static class TelemetryServices
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    // MassTransit's ActivitySource and Meter are both named so (MassTransit.Logging.DiagnosticHeaders.DefaultListenerName).
    private const string MassTransit = "MassTransit";

    public static WebApplicationBuilder AddPathwayTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[EndpointSetting];
        if (string.IsNullOrWhiteSpace(endpoint)) return builder;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var collector) || collector.Scheme is not ("http" or "https"))
            throw new PathwayStartupException($"{EndpointSetting} must be an http:// or https:// address of an OTLP collector.");
        var protocol = builder.Configuration[ProtocolSetting] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new PathwayStartupException($"{ProtocolSetting} '{other}' is not supported: grpc or http/protobuf."),
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "pathway"))
            .WithTracing(tracing => tracing
                // Probes every few seconds would drown the requests people make.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql()
                .AddSource(MassTransit, QuartzInstrumentation.ActivitySourceName, StepTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MassTransit, QuartzInstrumentation.MeterName, StepTelemetry.Name, PathwayMetrics.Name)
                .AddInstrumentation(services => ActivatorUtilities.CreateInstance<OpenEscalationsGauge>(services)))
            .UseOtlpExporter(protocol, collector);
        return builder;
    }
}
