using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Pathway.Host.Tests.Access;

/// <summary>One (method, route) the host maps, as its metadata declares who may call it.</summary>
/// <param name="Path">The route with plausible values for its parameters (they need not name anything that exists:
/// sign-in and roles are decided before the feature looks).</param>
/// <param name="Anonymous">Marked <c>AllowAnonymous</c>.</param>
/// <param name="Policies">The policies it names (all must allow a role).</param>
internal sealed record ApiEndpoint(string Method, string Route, string Path, bool Anonymous, IReadOnlyList<string> Policies)
{
    public bool IsApi => Route.StartsWith("/api/", StringComparison.Ordinal);

    public bool IsSession => Route.StartsWith("/api/session", StringComparison.Ordinal);

    /// <summary>A request to it; bodies are an empty JSON object (refused by the feature if it wants more, after
    /// sign-in and roles were checked).</summary>
    public HttpRequestMessage Request() => new(new HttpMethod(Method), Path)
    {
        Content = Method is "POST" or "PUT" or "PATCH" ? JsonContent.Create(new { }) : null,
    };

    public override string ToString() => $"{Method} {Route}";
}

internal static class ApiEndpoints
{
    /// <summary>Every endpoint of the host (each method of a route apart), from its <see cref="EndpointDataSource"/>.</summary>
    public static IReadOnlyList<ApiEndpoint> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Where(m => m is not ("HEAD" or "OPTIONS")).ToList();
                var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
                return (methods is { Count: > 0 } ? methods : ["GET"])
                    .Select(method => new ApiEndpoint(method, route, PathOf(endpoint.RoutePattern), anonymous, policies));
            })
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => PlausibleValue(parameter),
            _ => "",
        }))));

    private static string PlausibleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Any(c => c is "int" or "long" || c.StartsWith("min(", StringComparison.Ordinal) || c.StartsWith("range(", StringComparison.Ordinal)))
            return parameter.Name.Contains("year", StringComparison.OrdinalIgnoreCase) ? "2026" : "1";
        if (constraints.Contains("guid")) return Guid.NewGuid().ToString();
        if (constraints.Contains("datetime")) return "2026-01-01";
        if (constraints.Contains("bool")) return "true";
        if (parameter.Name.Contains("year", StringComparison.OrdinalIgnoreCase)) return "2026";
        if (parameter.Name.Contains("version", StringComparison.OrdinalIgnoreCase)) return "1";
        return "plausible-" + parameter.Name.ToLowerInvariant();
    }
}
