using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pathway.Host.Access;
using Pathway.Host.Api.Idempotency;
using Pathway.Host.Designer;
using Pathway.Host.Escalations;
using Pathway.Host.Files;
using Pathway.Host.Intake;
using Pathway.Host.Observatory;

namespace Pathway.Host.Api;

/// <summary>
/// The HTTP API under <c>/api</c>: one group per feature, JSON in camelCase with enums as kebab-case strings,
/// errors as ProblemDetails (a transient fault as a 503: <see cref="TransientFaultHandler"/>), bodies bounded
/// (<see cref="BodyLimits"/>) and checked (<see cref="JsonBodies"/>), rate limits (<see cref="RateLimits"/>), the
/// headers of every response (<see cref="ResponseHeaders"/>), the OpenAPI document.
/// </summary>
public static class ApiServices
{
    public static WebApplicationBuilder AddPathwayApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<TransientFaultHandler>();
        // The framework's refusals (malformed JSON, wrong content type…) reach BadRequestHandler as exceptions,
        // which say why, instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = BodyLimits.Default);
        services.ConfigureHttpJsonOptions(options =>
        {
            // Web defaults (camelCase); enum values as in docs/api.md: "information-preoccupante", "open". Numbers
            // are refused for enums: a client sending 2 means something we cannot know.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        });
        services.AddPathwayRateLimits(RateLimitSettings.Read(builder.Configuration));
        services.AddOpenApi(OpenApiDocument.Name, OpenApiDocument.Configure);
        services.AddPathwayIdempotency(builder.Configuration, builder.Environment.IsDevelopment());
        return builder;
    }

    /// <summary>The middleware every request goes through before sign-in: the headers of every response, problems
    /// for errors and bare status codes, body limits.</summary>
    public static WebApplication UsePathwayApi(this WebApplication app)
    {
        app.UseResponseHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBodyLimits();
        return app;
    }

    /// <summary>What is checked once the caller is known (after sign-in and roles, so that an anonymous or forbidden
    /// request is told so first): the rate limits, then the JSON bodies (<see cref="JsonBodies"/>).</summary>
    public static WebApplication UsePathwayApiChecks(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseJsonBodyCheck();
        return app;
    }

    public static WebApplication MapPathwayApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        // Definitions are whole workflow documents: the one place bodies may exceed the default.
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.TrimStart('/').StartsWith("api/definitions", StringComparison.Ordinal))
                endpoint.Metadata.Add(new BodyLimit(BodyLimits.Definitions));
        });
        // Every state-changing endpoint takes an Idempotency-Key (docs/api.md, "Retrying safely").
        api.WithIdempotencyKeys();
        api.MapSession();
        api.MapIntake();
        api.MapFiles();
        api.MapEscalations();
        api.MapDesigner();
        api.MapObservatory();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
