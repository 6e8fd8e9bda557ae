using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Pathway.Host.Api;

/// <summary>
/// Request bodies are bounded: <see cref="Default"/> everywhere (Kestrel's limit), more where an endpoint says so
/// with <see cref="WithBodyLimit{TBuilder}"/> (the designer's definitions: <see cref="Definitions"/>).
/// </summary>
public static class BodyLimits
{
    public const long Default = 64 * 1024;
    public const long Definitions = 2 * 1024 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>Refuses at once a body announced larger than the endpoint's limit, and sets that limit for bodies
    /// that do not announce their length (Kestrel then stops reading past it).</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use(next => async context =>
    {
        var limit = Of(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
            throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        await next(context);
    });

    /// <summary>The limit of the request's endpoint, in bytes.</summary>
    public static long Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Default;
}

/// <summary>An endpoint's limit on its request body, in bytes.</summary>
internal sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
