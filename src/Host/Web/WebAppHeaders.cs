using Microsoft.Net.Http.Headers;

namespace Pathway.Host.Web;

/// <summary>What the browser is told about each file of the web app: how long to keep it, and what it may load.</summary>
internal sealed class WebAppHeaders(string contentSecurityPolicy)
{
    /// <summary>Vite names what it emits under /assets by a hash of the content: a new build gives new names.</summary>
    private const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>Everything else (index.html above all) is checked again each time, so that a new build shows at once.</summary>
    private const string Revalidate = "no-cache";

    public void Apply(HttpResponse response, PathString path)
    {
        var headers = response.Headers;
        headers[HeaderNames.CacheControl] = path.StartsWithSegments("/assets") ? Immutable : Revalidate;
        headers[HeaderNames.ContentSecurityPolicy] = contentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
    }
}
