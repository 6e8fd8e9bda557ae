namespace Pathway.Host.Intake;

public static class IntakeEndpoints
{
    public static RouteGroupBuilder MapIntake(this RouteGroupBuilder api) => api;
}
