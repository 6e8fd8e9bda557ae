namespace Pathway.Host.Escalations;

public static class EscalationEndpoints
{
    public static RouteGroupBuilder MapEscalations(this RouteGroupBuilder api) => api;
}
