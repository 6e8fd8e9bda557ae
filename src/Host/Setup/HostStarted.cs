namespace Pathway.Host.Setup;

/// <summary>
/// The one gate of background work: nothing runs before the host is up (every hosted service started, the web
/// server listening). A host that fails to start — its port taken, a setting refused — has carried out nothing.
/// </summary>
internal static class HostStarted
{
    /// <summary>Waits until the host has started; false if it stops first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var stopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
