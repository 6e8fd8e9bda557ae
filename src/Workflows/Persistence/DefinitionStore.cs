using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Versions of definitions: draft → published → retired. Publishing validates the whole graph with the same
/// validator as loading, and is one transaction; the database refuses any change to a published version
/// (see the Initial migration). Retiring a version keeps its files running on it.
/// </summary>
public sealed class DefinitionStore(PathwayDatabase database, IDefinitionValidator validator, ActivityCatalog catalog, IClock clock)
{
    // Published and retired versions never change, so their compiled form is shared by every file.
    private readonly ConcurrentDictionary<(string, int), ExecutableDefinition> _executables = new();

    /// <summary>Every version of a definition, newest first.</summary>
    public async Task<IReadOnlyList<DefinitionVersionInfo>> VersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var rows = await context.DefinitionVersions.AsNoTracking()
            .Where(v => v.DefinitionId == definitionId)
            .OrderByDescending(v => v.Version)
            .ToListAsync(cancellationToken);
        return rows.Select(Info).ToList();
    }

    /// <summary>The definition of one version, or null when there is no such version.</summary>
    public async Task<WorkflowDefinition?> FindAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var row = await ReadAsync(context, definitionId, version, cancellationToken);
        return row is null ? null : DefinitionJson.Deserialize(row.Document);
    }

    /// <summary>The highest published version, or null when none is published.</summary>
    public async Task<int?> LatestPublishedAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        return await LatestPublishedAsync(context, definitionId, cancellationToken);
    }

    internal static Task<int?> LatestPublishedAsync(PathwayDbContext context, string definitionId, CancellationToken cancellationToken) =>
        context.DefinitionVersions
            .Where(v => v.DefinitionId == definitionId && v.Status == VersionStatus.Published)
            .MaxAsync(v => (int?)v.Version, cancellationToken);

    /// <summary>
    /// Creates or replaces a draft. A draft may be incomplete (it is validated when published); its version
    /// must be a draft already or higher than every existing version.
    /// </summary>
    /// <exception cref="DefinitionConflictException">The version is published or retired, or not the next one.</exception>
    /// <param name="alongside">Rows committed with the draft (e.g. the answer kept for a retried request).</param>
    public async Task SaveDraftAsync(WorkflowDefinition definition, string actor, CancellationToken cancellationToken = default,
        IReadOnlyList<object>? alongside = null)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var existing = await LockAsync(context, definition.Id, definition.Version, cancellationToken);
        if (existing is null)
        {
            var highest = await context.DefinitionVersions.Where(v => v.DefinitionId == definition.Id)
                .MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
            if (definition.Version <= highest)
                throw new DefinitionConflictException($"Definition '{definition.Id}' already has version {highest}: a new draft must be v{highest + 1} or later.");
            context.DefinitionVersions.Add(NewRow(definition, VersionStatus.Draft, actor));
        }
        else if (existing.Status != VersionStatus.Draft)
        {
            throw new DefinitionConflictException($"Definition '{definition.Id}' v{definition.Version} is {existing.Status}: it cannot change. Make a new draft.");
        }
        else
        {
            existing.Name = definition.Name;
            existing.Document = DefinitionJson.Serialize(definition);
        }

        if (alongside is not null) context.AddRange(alongside);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception, "definition_versions"))
        {
            throw new DefinitionConflictException($"Definition '{definition.Id}' v{definition.Version} was created by someone else at the same time: reload it.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Validates a draft and publishes it, in one transaction. Nothing changes when there are errors.</summary>
    /// <exception cref="DefinitionNotFoundException">No such version.</exception>
    /// <exception cref="DefinitionConflictException">The version is not a draft.</exception>
    /// <param name="alongside">Rows committed with the publication, only if it is published.</param>
    public async Task<IReadOnlyList<ValidationError>> PublishAsync(string definitionId, int version, string actor,
        CancellationToken cancellationToken = default, IReadOnlyList<object>? alongside = null)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Locked until commit: a draft saved meanwhile must not be published in place of the one validated.
        var row = await LockAsync(context, definitionId, version, cancellationToken)
                  ?? throw new DefinitionNotFoundException(definitionId, version);
        if (row.Status != VersionStatus.Draft)
            throw new DefinitionConflictException($"Definition '{definitionId}' v{version} is already {row.Status}.");

        var errors = Check(DefinitionJson.Deserialize(row.Document));
        if (errors.Count > 0) return errors;

        row.Status = VersionStatus.Published;
        row.PublishedAt = Now;
        row.PublishedBy = actor;
        if (alongside is not null) context.AddRange(alongside);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>What publishing would refuse in this definition: the same checks as <see cref="PublishAsync"/>, nothing saved.</summary>
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition) => Check(definition);

    /// <summary>Retires a published version: no new file starts on it; its files go on.</summary>
    /// <param name="alongside">Rows committed with the retirement.</param>
    public async Task RetireAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default,
        IReadOnlyList<object>? alongside = null)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var row = await LockAsync(context, definitionId, version, cancellationToken)
                  ?? throw new DefinitionNotFoundException(definitionId, version);
        if (row.Status != VersionStatus.Published)
            throw new DefinitionConflictException($"Definition '{definitionId}' v{version} is {row.Status}: only a published version can be retired.");
        row.Status = VersionStatus.Retired;
        row.RetiredAt = Now;
        row.RetiredBy = actor;
        if (alongside is not null) context.AddRange(alongside);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Makes a version read from <c>definitions/</c> published: inserted and published in one transaction when
    /// new; nothing when the same version is already there with the same content.
    /// </summary>
    /// <returns>The validation errors; empty when the version is published.</returns>
    /// <exception cref="DefinitionConflictException">That version exists with other content, or is a draft.</exception>
    public async Task<ImportResult> ImportPublishedAsync(WorkflowDefinition definition, string actor, CancellationToken cancellationToken = default)
    {
        var errors = Check(definition);
        if (errors.Count > 0) return new ImportResult(ImportOutcome.Invalid, errors);
        try
        {
            return await ImportCheckedAsync(definition, actor, cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another host imported the same version at the same moment: compare with what it wrote.
            return await ImportCheckedAsync(definition, actor, cancellationToken);
        }
    }

    private async Task<ImportResult> ImportCheckedAsync(WorkflowDefinition definition, string actor, CancellationToken cancellationToken)
    {
        var document = DefinitionJson.Serialize(definition);
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var existing = await ReadAsync(context, definition.Id, definition.Version, cancellationToken);
        if (existing is not null)
        {
            if (existing.Status == VersionStatus.Draft)
                throw new DefinitionConflictException($"Definition '{definition.Id}' v{definition.Version} is a draft in the database: publish or delete it in the designer.");
            if (existing.Document != document)
                throw new DefinitionConflictException(
                    $"Definition '{definition.Id}' v{definition.Version} is {existing.Status} with other content: a published version never changes; save the change as v{definition.Version + 1}.");
            return new ImportResult(ImportOutcome.Unchanged, []);
        }

        var row = NewRow(definition, VersionStatus.Published, actor);
        row.PublishedAt = row.CreatedAt;
        row.PublishedBy = actor;
        context.DefinitionVersions.Add(row);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(ImportOutcome.Published, []);
    }

    /// <summary>The compiled form of a published or retired version, cached.</summary>
    public async Task<ExecutableDefinition> GetExecutableAsync(PathwayDbContext context, string definitionId, int version, CancellationToken cancellationToken)
    {
        if (_executables.TryGetValue((definitionId, version), out var cached)) return cached;
        var row = await ReadAsync(context, definitionId, version, cancellationToken)
                  ?? throw new DefinitionNotFoundException(definitionId, version);
        var executable = ExecutableDefinition.Compile(DefinitionJson.Deserialize(row.Document), catalog);
        if (row.Status != VersionStatus.Draft) _executables.TryAdd((definitionId, version), executable);
        return executable;
    }

    private static Task<DefinitionVersionRow?> ReadAsync(PathwayDbContext context, string definitionId, int version, CancellationToken cancellationToken) =>
        context.DefinitionVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.DefinitionId == definitionId && v.Version == version, cancellationToken);

    private Task<DefinitionVersionRow?> LockAsync(PathwayDbContext context, string definitionId, int version, CancellationToken cancellationToken) =>
        database.LockAsync(context.DefinitionVersions,
            $"SELECT * FROM definition_versions WHERE definition_id = {definitionId} AND version = {version} FOR UPDATE",
            v => v.DefinitionId == definitionId && v.Version == version, cancellationToken);

    private IReadOnlyList<ValidationError> Check(WorkflowDefinition definition)
    {
        var errors = validator.Validate(definition);
        if (errors.Count > 0) return errors;
        try
        {
            ExecutableDefinition.Compile(definition, catalog);
            return [];
        }
        catch (DefinitionNotExecutableException exception)
        {
            return exception.Problems.Select(p => new ValidationError("", "not-executable", p)).ToList();
        }
    }

    private DateTime Now => clock.GetCurrentInstant().ToDateTimeUtc();

    private DefinitionVersionRow NewRow(WorkflowDefinition definition, string status, string actor) => new()
    {
        DefinitionId = definition.Id,
        Version = definition.Version,
        Name = definition.Name,
        Status = status,
        Document = DefinitionJson.Serialize(definition),
        CreatedAt = Now,
        CreatedBy = actor,
    };

    private static DefinitionVersionInfo Info(DefinitionVersionRow row) => new(
        row.DefinitionId, row.Version, row.Name, row.Status, row.CreatedAt, row.CreatedBy,
        row.PublishedAt, row.PublishedBy, row.RetiredAt, row.RetiredBy);
}

public sealed record DefinitionVersionInfo(
    string DefinitionId, int Version, string Name, string Status, DateTime CreatedAt, string CreatedBy,
    DateTime? PublishedAt, string? PublishedBy, DateTime? RetiredAt, string? RetiredBy);

public enum ImportOutcome
{
    Published,
    Unchanged,
    Invalid,
}

public sealed record ImportResult(ImportOutcome Outcome, IReadOnlyList<ValidationError> Errors);

public sealed class DefinitionNotFoundException(string definitionId, int? version = null)
    : Exception(version is null ? $"Definition '{definitionId}' has no published version." : $"Definition '{definitionId}' v{version} does not exist.")
{
    /// <summary>The version that was looked for, if one was.</summary>
    public int? Version { get; } = version;
}

public sealed class DefinitionConflictException(string message) : Exception(message);
