using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Api.Idempotency;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Idempotency;

/// <summary>Every state-changing endpoint takes the header, now and as endpoints are added, and says so in the OpenAPI document.</summary>
public sealed class IdempotentEndpointsTests
{
    [Fact]
    public async Task Every_state_changing_endpoint_a_user_calls_takes_an_Idempotency_Key_and_documents_it()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var document = JsonNode.Parse(await run.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        var changing = run.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(method => (Endpoint: e, Method: method, Route: "/" + e.RoutePattern.RawText!.Trim('/'))))
            .ToList();

        Assert.Contains(changing, e => e.Route == "/api/intake");
        Assert.Contains(changing, e => e.Route == "/api/escalations/{id:guid}/remind");
        Assert.Contains(changing, e => e.Route == "/api/definitions/{id}/migrations");
        Assert.All(changing, e =>
        {
            Assert.True(e.Endpoint.Metadata.GetMetadata<IdempotentEndpoint>() is not null, $"{e.Method} {e.Route} takes no Idempotency-Key");
            var path = System.Text.RegularExpressions.Regex.Replace(e.Route, "{([^:}]+)(:[^}]+)?}", "{$1}");
            var parameters = document["paths"]![path]![e.Method.ToLowerInvariant()]!["parameters"]!.AsArray();
            Assert.Contains(parameters, p => p!["name"]!.GetValue<string>() == IdempotencyKeyHeader.Name && p["in"]!.GetValue<string>() == "header");
        });
    }
}
