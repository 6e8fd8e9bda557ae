using Microsoft.Net.Http.Headers;

namespace Pathway.Host.Api;

/// <summary>
/// Headers every response carries, whoever writes it (an endpoint, a problem, the sign-in's 401, the web app):
/// <c>X-Content-Type-Options: nosniff</c>, and <c>Cache-Control: no-store</c> unless the response says how it may be
/// kept. Only the web app's files do (<see cref="Web.WebAppHeaders"/>: they hold no data); nothing under <c>/api</c>
/// does, since its answers carry identities, intakes, notes and exports, which no browser or proxy cache may keep.
/// </summary>
internal static class ResponseHeaders
{
    public const string NoStore = "no-store";

    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app) => app.Use(next => context =>
    {
        // On starting, not now: the exception handler clears the headers of a response it rewrites.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = NoStore;
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
