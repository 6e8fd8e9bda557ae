namespace Pathway.Host.Observatory;

public static class ObservatoryEndpoints
{
    public static RouteGroupBuilder MapObservatory(this RouteGroupBuilder api) => api;
}
