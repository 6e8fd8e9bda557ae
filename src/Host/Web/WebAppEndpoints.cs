namespace Pathway.Host.Web;

/// <summary>The web app (console, Observatoire, designer), built by Vite into wwwroot and served by the host.</summary>
public static class WebAppEndpoints
{
    public static WebApplication MapWebApp(this WebApplication app) => app;
}
