using System.Data.Common;
using Pathway.Host.DefinitionFiles;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Setup;

/// <summary>
/// What must hold before Pathway serves anything: the database schema is migrated (and values from before they were
/// bound to their place are rebound, docs/protection.md) and every version in the definitions folder is published. Hosted services start before the server listens, so a refusal here means
/// no request is ever answered.
/// </summary>
internal sealed class PathwayStartup(PathwayDatabase database, DefinitionFolder definitions, ILogger<PathwayStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Hosts starting together on one database take their turn: each migrates, rebinds and publishes alone.
        IAsyncDisposable turn;
        try
        {
            turn = await database.StartupTurnAsync(cancellationToken);
        }
        catch (DbException exception)
        {
            throw new PathwayStartupException($"The {database.Provider} database cannot be reached: {exception.Message}", exception);
        }

        await using (turn) await PrepareAsync(cancellationToken);
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(logger, cancellationToken);
        }
        catch (DbException exception)
        {
            throw new PathwayStartupException($"The {database.Provider} database cannot be migrated: {exception.Message}", exception);
        }
        catch (PersonalDataUnreadableException exception)
        {
            // A value from before binding that the key ring cannot read: its message names the column and key only.
            throw new PathwayStartupException($"The personal data of the {database.Provider} database cannot be rebound to its place: {exception.Message}", exception);
        }

        var problems = await definitions.PublishAsync(cancellationToken);
        if (problems.Count > 0)
            throw new PathwayStartupException($"Pathway does not start: {problems.Count} problem(s) in the definitions folder, listed above.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
