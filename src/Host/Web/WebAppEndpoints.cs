using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;

namespace Pathway.Host.Web;

/// <summary>
/// The web app (console, Observatoire, designer), built by Vite into wwwroot (src/Host/WebApp, copied beside the
/// binary by the build) and served by the host: its files to anyone, since they hold no data (the API decides who
/// sees what), and index.html for every other page address so that the app's own router takes over.
/// </summary>
public static class WebAppEndpoints
{
    /// <summary>Setting naming the folder of the built app; by default <c>wwwroot</c> beside the host's binary.</summary>
    public const string FolderSetting = "Pathway:WebApp:Folder";

    /// <summary>Addresses that belong to the host, never to the app: an unknown one is a 404, not the app.</summary>
    private static readonly string[] HostPrefixes = ["/api", "/health", "/openapi"];

    /// <summary>Called before authentication: the app's files are served to anyone.</summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        var folder = Folder(app.Configuration);
        var index = Path.Combine(folder, "index.html");
        if (!File.Exists(index))
        {
            app.Logger.LogWarning("No web app in {Folder}: the host serves only its API. Build it with `dotnet build src/Host`.", folder);
            return app;
        }

        var headers = new WebAppHeaders(ContentSecurityPolicy.For(app.Configuration));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            OnPrepareResponse = file => headers.Apply(file.Context.Response, file.Context.Request.Path),
        });
        // Page addresses (no file extension) that no endpoint claims; the lowest priority of all routes.
        app.MapFallback("{*path:nonfile}", (HttpContext context) =>
            {
                if (HostPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix))) return Results.NotFound();
                headers.Apply(context.Response, "/index.html");
                return Results.File(index, "text/html; charset=utf-8");
            })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    public static string Folder(IConfiguration configuration) =>
        configuration[FolderSetting] is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
