namespace Pathway.Host.Files;

public static class FileEndpoints
{
    public static RouteGroupBuilder MapFiles(this RouteGroupBuilder api) => api;
}
