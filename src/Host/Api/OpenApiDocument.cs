using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Pathway.Host.Access;

namespace Pathway.Host.Api;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, committed as <c>docs/openapi.json</c>): the bearer scheme, and
/// on each operation whether it needs it and which roles may call it (from <see cref="Policies"/>).
/// </summary>
internal static class OpenApiDocument
{
    public const string Name = "v1";
    private const string Bearer = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Pathway API",
                Version = Name,
                Description = "The care pathway of minors in situations of prostitution: intake, files, escalations, the designer and the Observatoire. See docs/api.md.",
            };
            // The document is the same wherever it is served (and committed): no server address in it.
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token of the OpenID Connect provider (ProConnect-compatible claims), or of the development sign-in in Development.",
            };
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, _, _) =>
        {
            // The host writes numbers as JSON numbers; the web defaults only also *read* them from strings, which
            // the generator shows as `integer | string`. The contract says what the host writes, so clients (the
            // web app's generated types among them) get `number`.
            if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
            {
                schema.Type = type & ~JsonSchemaType.String;
                schema.Pattern = null;
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            DeclareRetryLater(operation, context, rateLimited: metadata.OfType<EnableRateLimitingAttribute>().Any());
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Description = Append(operation.Description, "No sign-in needed.");
                return Task.CompletedTask;
            }

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            operation.Description = Append(operation.Description, policies.Count == 0
                ? "Any signed-in user, with or without a habilitation."
                : $"Roles allowed: {string.Join(", ", policies.Select(p => (IEnumerable<string>)Policies.Allowed.GetValueOrDefault(p, [])).Aggregate((a, b) => a.Intersect(b)))} "
                  + $"(policy {string.Join(", ", policies)}).");
            return Task.CompletedTask;
        });
    }

    /// <summary>What any operation may answer whatever it does (docs/api.md, "Errors"): 503 when a dependency does not
    /// answer, and 429 past a rate limit; both with <c>Retry-After</c>, nothing done.</summary>
    private static void DeclareRetryLater(OpenApiOperation operation, OpenApiOperationTransformerContext context, bool rateLimited)
    {
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true) return;
        operation.Responses ??= new OpenApiResponses();
        operation.Responses["503"] = RetryLater(context, "A dependency (the database) does not answer: nothing was done; send the request again after Retry-After.");
        if (rateLimited)
            operation.Responses["429"] = RetryLater(context, "Past the rate limit of this operation (Pathway:RateLimits): nothing was done; send it again after Retry-After.");
    }

    private static OpenApiResponse RetryLater(OpenApiOperationTransformerContext context, string description) => new()
    {
        Description = description,
        Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
        },
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
        },
    };

    private static string Append(string? description, string line) => string.IsNullOrEmpty(description) ? line : description + "\n\n" + line;
}
