using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pathway.Host.Api.Idempotency;

/// <summary>
/// Wires the <c>Idempotency-Key</c> header in one place: every state-changing endpoint under <c>/api</c> (POST, PUT,
/// PATCH, DELETE; anonymous ones aside: a key is its user's) gets <see cref="IdempotencyFilter"/>, and its OpenAPI
/// operation the header.
/// </summary>
internal static class IdempotencyServices
{
    private static readonly HashSet<string> Unsafe = ["POST", "PUT", "PATCH", "DELETE"];

    public static IServiceCollection AddPathwayIdempotency(this IServiceCollection services, IConfiguration configuration, bool development)
    {
        services.AddSingleton(IdempotencySettings.Read(configuration, development));
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IdempotencyFilter>();
        services.AddHostedService<IdempotencyKeyPurge>();
        services.Configure<OpenApiOptions>(OpenApiDocument.Name, options => options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpoint>().Any()) DeclareHeader(operation);
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// Buffers the body of keyed requests to the idempotent endpoints, so that the filter, which runs after binding
    /// read it, can hash it. In memory up to the endpoint's limit, never in a temporary file: bodies hold personal data.
    /// </summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(next => context =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IdempotentEndpoint>() is not null && context.Request.Headers.ContainsKey(IdempotencyKeyHeader.Name))
        {
            var limit = (int)(endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? BodyLimits.Default);
            context.Request.EnableBuffering(bufferThreshold: limit + 1, bufferLimit: limit + 1);
        }

        return next(context);
    });

    /// <summary>Puts the filter on every state-changing endpoint of <paramref name="api"/>.</summary>
    public static RouteGroupBuilder WithIdempotencyKeys(this RouteGroupBuilder api)
    {
        // A filter factory runs when the endpoint's handler is built, after the endpoint's own conventions: by then its
        // methods and its AllowAnonymous are known, and the factory leaves the other endpoints as they are.
        ((IEndpointConventionBuilder)api).Add(endpoint => endpoint.FilterFactories.Add((_, next) =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (!methods.Any(Unsafe.Contains) || endpoint.Metadata.OfType<IAllowAnonymous>().Any()) return next;
            endpoint.Metadata.Add(IdempotentEndpoint.Instance);
            return invocation => invocation.HttpContext.RequestServices.GetRequiredService<IdempotencyFilter>().InvokeAsync(invocation, next);
        }));
        return api;
    }

    private static void DeclareHeader(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeyHeader.Name,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional; send one per user action (a UUID, as an sf-string: \"8e03978e-…\") and the same one on every retry of it. " +
                          "The same key with the same request answers the first answer again (header Idempotent-Replayed: true), " +
                          "with another request 409; a malformed key 400. Kept 7 days by default. See docs/api.md, \"Retrying safely\".",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeyHeader.MaxLength + 2 },
        });
    }
}

/// <summary>Marks an endpoint that takes an <c>Idempotency-Key</c>.</summary>
internal sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();
}
