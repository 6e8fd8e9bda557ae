namespace Pathway.Host.Access;

/// <summary>Says once, at start-up, that outside Development no one can sign in until a provider is configured.</summary>
internal sealed class NoProviderWarning(ILogger<NoProviderWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("{Section}:Authority is not configured: no one can sign in; every request that needs a signed-in user gets 401.",
            SignInSettings.Section);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
