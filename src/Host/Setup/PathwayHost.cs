using Pathway.Activities;
using Pathway.Host.Access;
using Pathway.Host.Api;
using Pathway.Host.Api.Idempotency;
using Pathway.Host.Protection;
using Pathway.Host.Web;
using Pathway.Activities.Partners;
using Pathway.Host.Messaging;
using Pathway.Host.Scheduling;
using Pathway.Host.DefinitionFiles;
using Pathway.Host.Health;
using Pathway.Host.Telemetry;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Validation;

namespace Pathway.Host.Setup;

/// <summary>Everything the host wires, in one call each for services and for endpoints.</summary>
public static class PathwayHost
{
    /// <summary>
    /// The engine on the configured database, the start-up (migrate, publish the definitions folder) and the
    /// health checks. Reads the <c>Pathway</c> section now: its settings decide what is registered.
    /// </summary>
    /// <exception cref="PathwayStartupException">A setting is wrong.</exception>
    public static WebApplicationBuilder AddPathway(this WebApplicationBuilder builder)
    {
        var root = PathwaySettings.RepositoryRoot(builder.Environment.ContentRootPath, Directory.GetCurrentDirectory());
        var settings = PathwaySettings.Read(builder.Configuration, root);
        var services = builder.Services;
        services.AddSingleton(settings);
        // Before the engine: the interpreter counts deadlines on the deployment's calendar.
        services.AddSingleton(CalendarSettings.Read(builder.Configuration));
        // Before anything is written there: the development keys, the SQLite database and its timers.
        settings.SecureDataFolder();
        var keys = ProtectionKeys.Read(builder.Configuration, builder.Environment.IsDevelopment(), settings.DataFolder);
        services.AddSingleton(keys);
        services.AddSingleton<IdentityIndex>();
        services.AddSingleton<Pseudonyms>();
        var partners = PartnerRegistryFile.Load(settings);
        services.AddSingleton(partners);
        services.AddSingleton<IPartnerDirectory>(partners);
        services.AddSingleton(ActivityCatalog.FromAssemblies(ActivityAssembly.Instance));
        // One validator for files (which needs the concrete type, for JSON) and for the store.
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton<IDefinitionValidator>(sp => sp.GetRequiredService<DefinitionValidator>());
        services.AddPathwayPersistence(settings.CreateDatabase(keys.Protector));
        services.AddSingleton<DefinitionFileChecker>();
        services.AddSingleton<DefinitionFolder>();
        // First hosted service: later ones (broker, scheduler) may rely on the schema and the definitions.
        services.AddHostedService<PathwayStartup>();
        services.AddPathwayScheduling(settings);
        services.AddPathwayMessaging(MessagingSettings.Read(builder.Configuration), partners);
        services.AddPathwayHealthChecks();
        builder.AddPathwayAccess(partners);
        builder.AddPathwayApi();
        builder.AddPathwayTelemetry();
        return builder;
    }

    public static WebApplication MapPathway(this WebApplication app)
    {
        app.UsePathwayApi();
        app.MapWebApp();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePathwayApiChecks();
        app.UseIdempotencyKeys();
        app.MapHealthEndpoints();
        app.MapPathwayApi();
        return app;
    }
}
