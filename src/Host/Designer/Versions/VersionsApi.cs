using Microsoft.AspNetCore.Http.HttpResults;
using Pathway.Host.Access;
using Pathway.Host.Api.Idempotency;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Versioning;

namespace Pathway.Host.Designer.Versions;

/// <summary>Comparing two versions, and moving running files from one to another (docs/versions.md).</summary>
public static class VersionsApi
{
    public static RouteGroupBuilder MapVersions(this RouteGroupBuilder definitions)
    {
        definitions.MapGet("/{id}/diff", DiffAsync).RequireAuthorization(Policies.ReadDefinitions)
            .Produces<DefinitionDiffView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        definitions.MapPost("/{id}/migrations/dry-run", DryRunAsync).RequireAuthorization(Policies.EditDefinitions)
            .Produces<MigrationReport>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        definitions.MapPost("/{id}/migrations", ApplyAsync).RequireAuthorization(Policies.EditDefinitions)
            .Produces<MigrationReport>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return definitions;
    }

    private static async Task<Results<Ok<DefinitionDiffView>, ValidationProblem, ProblemHttpResult>> DiffAsync(
        string id, int? from, int? to, DefinitionStore store, ActivityCatalog catalog, CancellationToken cancellationToken)
    {
        if (from is null) return DefinitionProblems.BadInput("from", "Indiquez la version de départ.");
        if (to is null) return DefinitionProblems.BadInput("to", "Indiquez la version d'arrivée.");
        var before = await store.FindAsync(id, from.Value, cancellationToken);
        if (before is null) return DefinitionProblems.NotFound(id, from);
        var after = await store.FindAsync(id, to.Value, cancellationToken);
        if (after is null) return DefinitionProblems.NotFound(id, to);
        return TypedResults.Ok(DefinitionDiffView.Of(DefinitionDiff.Between(before, after, catalog)));
    }

    private static Task<Results<Ok<MigrationReport>, ValidationProblem, ProblemHttpResult>> DryRunAsync(
        string id, MigrationBody body, HttpContext http, FileMigrationStore store, CancellationToken cancellationToken) =>
        RunAsync(id, body, store, request => store.DryRunAsync(request, http.User().Actor, cancellationToken));

    private static Task<Results<Ok<MigrationReport>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string id, MigrationBody body, HttpContext http, FileMigrationStore store, CancellationToken cancellationToken)
    {
        if (body.DryRunId is { } given && !Guid.TryParse(given, out _))
            return Task.FromResult<Results<Ok<MigrationReport>, ValidationProblem, ProblemHttpResult>>(
                DefinitionProblems.BadInput("dryRunId", "L'identifiant de simulation n'est pas reconnu."));
        // With an Idempotency-Key and no dry run, the migration's id comes from the key: a retry applies the same migration.
        var migrationId = body.DryRunId ?? (IdempotentRequest.DerivedId(http, "migration") ?? Guid.CreateVersion7()).ToString();
        return RunAsync(id, body, store, async request =>
        {
            var report = await store.ApplyAsync(request, migrationId, http.User().Actor, cancellationToken);
            await IdempotentRequest.KeepAsync(http, TypedResults.Ok(report));
            return report;
        });
    }

    private static async Task<Results<Ok<MigrationReport>, ValidationProblem, ProblemHttpResult>> RunAsync(
        string id, MigrationBody body, FileMigrationStore store, Func<MigrationRequest, Task<MigrationReport>> run)
    {
        if (body.From is not { } from) return DefinitionProblems.BadInput("from", "Indiquez la version de départ.");
        if (body.To is not { } to) return DefinitionProblems.BadInput("to", "Indiquez la version d'arrivée.");
        if (from == to) return DefinitionProblems.BadInput("to", "La version d'arrivée doit différer de la version de départ.");
        try
        {
            return TypedResults.Ok(await run(new MigrationRequest(id, from, to, body.Mapping)));
        }
        catch (DefinitionNotFoundException missing)
        {
            return DefinitionProblems.NotFound(id, missing.Version);
        }
        catch (DefinitionConflictException)
        {
            return DefinitionProblems.Conflict($"La version {to} de « {id} » n'est pas publiée : aucun dossier ne peut y être déplacé.");
        }
        catch (MappingException mapping)
        {
            return TypedResults.ValidationProblem(mapping.Problems);
        }
    }
}

/// <summary>The request of a dry run or of a migration; <see cref="DryRunId"/> becomes the migration's id.</summary>
public sealed record MigrationBody(int? From, int? To, Dictionary<string, string?>? Mapping, string? DryRunId);

/// <summary>The diff as the API returns it, with <c>identical</c> spelled out for the UI.</summary>
public sealed record DefinitionDiffView(
    string Id, int From, int To, ActivityChanges Activities, ConnectionChanges Connections, IReadOnlyList<DeadlineChange> Deadlines,
    PartnerChanges Partners, VariableChanges Variables, StageChanges Stages, bool Identical)
{
    public static DefinitionDiffView Of(DefinitionDiff d) =>
        new(d.Id, d.From, d.To, d.Activities, d.Connections, d.Deadlines, d.Partners, d.Variables, d.Stages, d.Identical);
}
