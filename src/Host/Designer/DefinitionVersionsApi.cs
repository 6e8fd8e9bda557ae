using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Access;
using Pathway.Host.Api.Idempotency;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Host.Designer;

/// <summary>Reading versions, checking them, and moving them along their life: publish, retire.</summary>
internal static class DefinitionVersionsApi
{
    private static readonly string Running = nameof(FileStatus.Running).ToLowerInvariant();

    /// <summary>Every definition with its versions, newest first, and how many files still run on each.</summary>
    public static async Task<Ok<List<DefinitionSummary>>> ListAsync(PathwayDatabase database, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        // Without the documents: the list needs only what describes each version.
        var versions = await context.DefinitionVersions.AsNoTracking()
            .Select(v => new { v.DefinitionId, v.Version, v.Name, v.Status, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy, v.RetiredAt, v.RetiredBy })
            .ToListAsync(cancellationToken);
        var running = await context.Files.AsNoTracking().Where(f => f.Status == Running)
            .GroupBy(f => new { f.DefinitionId, f.Version })
            .Select(g => new { g.Key.DefinitionId, g.Key.Version, Count = g.Count() })
            .ToDictionaryAsync(g => (g.DefinitionId, g.Version), g => g.Count, cancellationToken);

        var list = versions.GroupBy(v => v.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var newestFirst = g.OrderByDescending(v => v.Version).ToList();
            return new DefinitionSummary(g.Key, newestFirst[0].Name, newestFirst.Select(v => new VersionSummary(
                v.Version, v.Status, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy, v.RetiredAt, v.RetiredBy,
                running.GetValueOrDefault((v.DefinitionId, v.Version)))).ToList());
        }).ToList();
        return TypedResults.Ok(list);
    }

    /// <summary>The document of one version, as in <c>definitions/&lt;id&gt;/v&lt;N&gt;.json</c> (the layout aside): also the export.</summary>
    public static async Task<IResult> DocumentAsync(string id, int version, DefinitionStore store, CancellationToken cancellationToken)
    {
        var definition = await store.FindAsync(id, version, cancellationToken);
        return definition is null
            ? DefinitionProblems.NotFound(id, version)
            : TypedResults.Text(DefinitionJson.Serialize(definition), "application/json", System.Text.Encoding.UTF8);
    }

    /// <summary>What publishing this version would refuse (the same checks), whatever its status.</summary>
    public static async Task<Results<Ok<ValidationReport>, ProblemHttpResult>> ValidateAsync(
        string id, int version, DefinitionStore store, CancellationToken cancellationToken)
    {
        var definition = await store.FindAsync(id, version, cancellationToken);
        if (definition is null) return DefinitionProblems.NotFound(id, version);
        var errors = store.Validate(definition);
        return TypedResults.Ok(new ValidationReport(errors.Count == 0, errors));
    }

    public static async Task<Results<Ok<VersionStatusChanged>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string id, int version, HttpContext http, DefinitionStore store, CancellationToken cancellationToken)
    {
        try
        {
            var published = TypedResults.Ok(new VersionStatusChanged(id, version, VersionStatus.Published));
            var errors = await store.PublishAsync(id, version, http.User().Actor, cancellationToken, await IdempotentRequest.RowsAsync(http, published));
            if (errors.Count > 0) return DefinitionProblems.Invalid(errors, "La version ne peut pas être publiée : elle comporte des erreurs.");
            return published;
        }
        catch (DefinitionNotFoundException)
        {
            return DefinitionProblems.NotFound(id, version);
        }
        catch (DefinitionConflictException)
        {
            return DefinitionProblems.Conflict($"La version {version} de « {id} » n'est pas un brouillon : seul un brouillon peut être publié.");
        }
    }

    public static async Task<Results<Ok<VersionStatusChanged>, ProblemHttpResult>> RetireAsync(
        string id, int version, HttpContext http, DefinitionStore store, CancellationToken cancellationToken)
    {
        try
        {
            var retired = TypedResults.Ok(new VersionStatusChanged(id, version, VersionStatus.Retired));
            await store.RetireAsync(id, version, http.User().Actor, cancellationToken, await IdempotentRequest.RowsAsync(http, retired));
            return retired;
        }
        catch (DefinitionNotFoundException)
        {
            return DefinitionProblems.NotFound(id, version);
        }
        catch (DefinitionConflictException)
        {
            return DefinitionProblems.Conflict($"La version {version} de « {id} » n'est pas publiée : seule une version publiée peut être retirée.");
        }
    }
}

public sealed record DefinitionSummary(string Id, string Name, IReadOnlyList<VersionSummary> Versions);

/// <summary>One version in the list. <see cref="CreatedBy"/> and the others are actors, as the journal writes them.</summary>
public sealed record VersionSummary(
    int Version, string Status, DateTime CreatedAt, string CreatedBy, DateTime? PublishedAt, string? PublishedBy,
    DateTime? RetiredAt, string? RetiredBy, int RunningFiles);

public sealed record ValidationReport(bool Valid, IReadOnlyList<ValidationError> Errors);

public sealed record VersionStatusChanged(string Id, int Version, string Status);
