namespace Pathway.Host.Designer;

public static class DesignerEndpoints
{
    public static RouteGroupBuilder MapDesigner(this RouteGroupBuilder api) => api;
}
