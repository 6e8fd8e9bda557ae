using Pathway.Host.Access;
using Pathway.Host.Designer;
using Pathway.Host.Escalations;
using Pathway.Host.Files;
using Pathway.Host.Intake;
using Pathway.Host.Observatory;

namespace Pathway.Host.Api;

/// <summary>The HTTP API under <c>/api</c>: one group per feature, errors as ProblemDetails, the OpenAPI document.</summary>
public static class ApiServices
{
    public static WebApplicationBuilder AddPathwayApi(this WebApplicationBuilder builder)
    {
        // TODO(api helper): OpenAPI document, request size limits, JSON options.
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapPathwayApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapSession();
        api.MapIntake();
        api.MapFiles();
        api.MapEscalations();
        api.MapDesigner();
        api.MapObservatory();
        return app;
    }
}
