using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Pathway.Workflows.Activities;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Persistence;

public static class PersistenceServices
{
    /// <summary>
    /// The engine with its store: <see cref="PathwayDatabase"/>, <see cref="DefinitionStore"/>,
    /// <see cref="CareFileRunner"/>, <see cref="OutboxStore"/>, <see cref="FileMigrationStore"/>. The caller registers the
    /// <see cref="ActivityCatalog"/> (it knows which assemblies hold activities).
    /// </summary>
    public static IServiceCollection AddPathwayPersistence(this IServiceCollection services, PathwayDatabase database)
    {
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(database);
        services.TryAddSingleton<IDefinitionValidator>(sp => new DefinitionValidator(sp.GetRequiredService<ActivityCatalog>(), sp.GetService<IPartnerDirectory>()));
        services.TryAddSingleton(sp => new Interpreter(sp.GetRequiredService<IClock>()));
        services.TryAddSingleton<DefinitionStore>();
        services.TryAddSingleton<CareFileRunner>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton(sp => new Versioning.FileMigrator(sp.GetRequiredService<ActivityCatalog>()));
        services.TryAddSingleton<FileMigrationStore>();
        return services;
    }
}
