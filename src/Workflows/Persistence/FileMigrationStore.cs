using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Versioning;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Migrates the running files of one definition version to another: a dry run reports, file by file, what would
/// happen; applying does it, each file in its own transaction under its row lock, re-checked on the state it has
/// then. A migration id applied twice to a file is a no-op (<c>file_migrations</c>); the version of a file changes
/// only with that row, which the database checks (see docs/versions.md).
/// </summary>
public sealed class FileMigrationStore(PathwayDatabase database, DefinitionStore definitions, FileMigrator migrator, NodaTime.IClock clock,
    IOutboxListener? outboxListener = null)
{
    private static readonly string Running = nameof(FileStatus.Running).ToLowerInvariant();

    /// <summary>What migrating would do; nothing is written.</summary>
    /// <exception cref="DefinitionNotFoundException">Either version does not exist.</exception>
    /// <exception cref="DefinitionConflictException">The target version is not published.</exception>
    /// <exception cref="MappingException">The mapping names activities that do not exist.</exception>
    public async Task<MigrationReport> DryRunAsync(MigrationRequest request, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = database.CreateContext();
        var (from, to) = await VersionsAsync(context, request, cancellationToken);
        var files = await context.Files.AsNoTracking()
            .Where(f => f.DefinitionId == request.DefinitionId && f.Version == request.From && f.Status == Running)
            .OrderBy(f => f.Id).Select(f => f.State).ToListAsync(cancellationToken);
        var states = files.Select(s => JsonSerializer.Deserialize<FileState>(s, RuntimeJson.Options)!).ToList();
        var mapping = MigrationMapping.Complete(request.Mapping, from, to, states.SelectMany(s => s.Tokens).Select(t => t.ActivityId));
        var migrationId = Guid.CreateVersion7().ToString();
        var now = clock.GetCurrentInstant();
        var reports = states.Select(s => migrator.Migrate(from, to, s, mapping, migrationId, actor, now).Report).ToList();
        return MigrationReport.Of(migrationId, request.DefinitionId, request.From, request.To, applied: false, mapping, reports);
    }

    /// <summary>Migrates every running file of the old version that can be; the others stay, with their reasons.</summary>
    public async Task<MigrationReport> ApplyAsync(MigrationRequest request, string migrationId, string actor, CancellationToken cancellationToken = default)
    {
        ExecutableDefinition from, to;
        List<string> candidates, done;
        await using (var context = database.CreateContext())
        {
            (from, to) = await VersionsAsync(context, request, cancellationToken);
            candidates = await context.Files.AsNoTracking()
                .Where(f => f.DefinitionId == request.DefinitionId && f.Version == request.From && f.Status == Running)
                .OrderBy(f => f.Id).Select(f => f.Id).ToListAsync(cancellationToken);
            done = await context.FileMigrations.AsNoTracking().Where(m => m.MigrationId == migrationId)
                .Select(m => m.FileId).ToListAsync(cancellationToken);
        }

        // The mapping's defaults are completed per file, on the state it has under its lock.
        var reports = done.Order(StringComparer.Ordinal).Select(FileMigrationReport.Already).ToList();
        var used = new Dictionary<string, string?>(request.Mapping ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        foreach (var fileId in candidates.Except(done))
        {
            var (report, mapping) = await MigrateFileAsync(fileId, request, from, to, migrationId, actor, cancellationToken);
            reports.Add(report);
            foreach (var (source, target) in mapping) used.TryAdd(source, target);
        }

        return MigrationReport.Of(migrationId, request.DefinitionId, request.From, request.To, applied: true, used, reports);
    }

    private async Task<(FileMigrationReport, IReadOnlyDictionary<string, string?>)> MigrateFileAsync(string fileId, MigrationRequest request,
        ExecutableDefinition from, ExecutableDefinition to, string migrationId, string actor, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        context.Database.AutoSavepointsEnabled = false;
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var file = await database.LockAsync(context.Files, $"SELECT * FROM files WHERE id = {fileId} FOR UPDATE", f => f.Id == fileId, cancellationToken);
        var none = new Dictionary<string, string?>();
        if (file is null) return (FileMigrationReport.Refused(fileId, ["the file no longer exists"]), none);
        if (await context.FileMigrations.AnyAsync(m => m.MigrationId == migrationId && m.FileId == fileId, cancellationToken))
            return (FileMigrationReport.Already(fileId), none);
        if (file.DefinitionId != request.DefinitionId || file.Version != request.From || file.Status != Running)
            return (FileMigrationReport.Refused(fileId, [$"the file is no longer running on v{request.From}"]), none);

        var before = JsonSerializer.Deserialize<FileState>(file.State, RuntimeJson.Options)!;
        var mapping = MigrationMapping.Complete(request.Mapping, from, to, before.Tokens.Select(t => t.ActivityId));
        var now = clock.GetCurrentInstant();
        var migration = migrator.Migrate(from, to, before, mapping, migrationId, actor, now);
        if (!migration.Migrated) return (migration.Report, mapping);

        var at = now.ToDateTimeUtc();
        // The sanction first: the trigger on files looks for it when the version changes.
        context.FileMigrations.Add(new FileMigrationRow
        {
            MigrationId = migrationId, FileId = fileId, DefinitionId = file.DefinitionId, FromVersion = request.From, ToVersion = request.To,
            FileRevision = file.Revision + 1, AppliedAt = at, AppliedBy = actor,
        });
        await context.SaveChangesAsync(cancellationToken);

        var state = migration.State!;
        file.Version = request.To;
        file.State = JsonSerializer.Serialize(state, RuntimeJson.Options);
        file.Revision++;
        file.UpdatedAt = at;
        await CareFileRunner.FollowStateAsync(context, fileId, to, before, state, at, cancellationToken, definitionBefore: from);
        await RecordApplier.ApplyAsync(context, fileId, migration.Records, cancellationToken);
        foreach (var entry in migration.Journal)
            context.Journal.Add(new JournalRow
            {
                FileId = fileId, Sequence = ++file.JournalSequence, At = entry.At.ToDateTimeUtc(), Actor = entry.Actor, Kind = entry.Kind,
                StimulusId = entry.StimulusId, ActivityId = entry.ActivityId, TokenId = entry.TokenId,
                Data = entry.Data?.ToJsonString(RuntimeJson.Options),
            });
        context.AppliedStimuli.Add(new AppliedStimulusRow
        {
            FileId = fileId, StimulusId = FileMigrator.StimulusId(migrationId), Kind = "migrate", AppliedAt = at,
        });
        foreach (var effect in migration.Effects)
            context.Outbox.Add(new OutboxRow
            {
                MessageId = effect.MessageId, FileId = fileId, Kind = effect.Kind, Destination = effect.Destination,
                DueAt = effect.DueAt?.ToDateTimeUtc(), Payload = effect.Payload.ToJsonString(RuntimeJson.Options), CreatedAt = at,
            });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (migration.Effects.Count > 0) outboxListener?.EffectsCommitted();
        return (migration.Report, mapping);
    }

    private async Task<(ExecutableDefinition From, ExecutableDefinition To)> VersionsAsync(PathwayDbContext context, MigrationRequest request,
        CancellationToken cancellationToken)
    {
        var versions = await context.DefinitionVersions.AsNoTracking()
            .Where(v => v.DefinitionId == request.DefinitionId && (v.Version == request.From || v.Version == request.To))
            .Select(v => new { v.Version, v.Status }).ToListAsync(cancellationToken);
        if (versions.All(v => v.Version != request.From)) throw new DefinitionNotFoundException(request.DefinitionId, request.From);
        if (versions.FirstOrDefault(v => v.Version == request.To) is not { } target) throw new DefinitionNotFoundException(request.DefinitionId, request.To);
        if (target.Status != VersionStatus.Published)
            throw new DefinitionConflictException($"v{request.To} of '{request.DefinitionId}' is not published: no file can run on it.");
        var from = await definitions.GetExecutableAsync(context, request.DefinitionId, request.From, cancellationToken);
        var to = await definitions.GetExecutableAsync(context, request.DefinitionId, request.To, cancellationToken);
        var problems = MigrationMapping.Problems(request.Mapping, from, to);
        if (problems.Count > 0) throw new MappingException(problems);
        return (from, to);
    }
}

/// <summary>Migrate the running files of <see cref="DefinitionId"/> v<see cref="From"/> to v<see cref="To"/>;
/// <see cref="Mapping"/> maps activity ids of the old version to the new (null: no target), completed by defaults.</summary>
public sealed record MigrationRequest(string DefinitionId, int From, int To, IReadOnlyDictionary<string, string?>? Mapping);

/// <summary>The mapping names activities its versions do not have, by field (<c>mapping.&lt;activity&gt;</c>).</summary>
public sealed class MappingException(IReadOnlyDictionary<string, string[]> problems) : Exception("The mapping names activities that do not exist.")
{
    public IReadOnlyDictionary<string, string[]> Problems { get; } = problems;
}
