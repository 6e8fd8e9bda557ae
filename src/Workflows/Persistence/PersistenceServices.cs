using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Persistence;

public static class PersistenceServices
{
    /// <summary>
    /// The engine with its store: <see cref="PathwayDatabase"/>, <see cref="DefinitionStore"/>,
    /// <see cref="CareFileRunner"/>, <see cref="OutboxStore"/>, <see cref="FileMigrationStore"/>. The caller registers the
    /// <see cref="ActivityCatalog"/> (it knows which assemblies hold activities), and may register the
    /// <see cref="DeploymentCalendar"/> first.
    /// </summary>
    public static IServiceCollection AddPathwayPersistence(this IServiceCollection services, PathwayDatabase database)
    {
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(database);
        services.TryAddSingleton<IDefinitionValidator>(sp => new DefinitionValidator(sp.GetRequiredService<ActivityCatalog>(), sp.GetService<IPartnerDirectory>()));
        // The host registers the deployment's calendar (Pathway:Calendar); without one, metropolitan France.
        services.TryAddSingleton(DeploymentCalendar.Metropole);
        services.TryAddSingleton(sp => new Interpreter(sp.GetRequiredService<IClock>()) { Calendar = sp.GetRequiredService<DeploymentCalendar>() });
        services.TryAddSingleton<DefinitionStore>();
        services.TryAddSingleton<CareFileRunner>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton(sp => new Versioning.FileMigrator(sp.GetRequiredService<ActivityCatalog>(), sp.GetRequiredService<DeploymentCalendar>()));
        services.TryAddSingleton<FileMigrationStore>();
        return services;
    }
}
