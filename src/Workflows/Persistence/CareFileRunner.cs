using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Advances files durably: one stimulus, one database transaction holding the new state, its queryable
/// columns (stages, bookmarks, and the tasks and escalations the activities' records describe), the journal lines, the stimulus id and the effects as outbox rows. A stimulus id already applied
/// to the file is a no-op. Stimuli racing for one file are serialized by a row lock (PostgreSQL) or by
/// SQLite's single writer, so each is applied exactly once on the state the previous one left.
/// </summary>
public sealed class CareFileRunner(PathwayDatabase database, DefinitionStore definitions, Interpreter interpreter,
    IOutboxListener? outboxListener = null)
{
    /// <summary>Opens a file on the latest published version of <paramref name="definitionId"/>, or on
    /// <paramref name="version"/> when given (it must be published).</summary>
    /// <exception cref="DefinitionNotFoundException">No published version.</exception>
    /// <exception cref="FileAlreadyExistsException">The file id is taken by another start.</exception>
    /// <exception cref="StimulusRejectedException">An initial variable is undeclared or mistyped.</exception>
    /// <param name="alongside">Rows that belong with the new file (e.g. its intake), committed in the same
    /// transaction: the file never exists without them, nor they without the file.</param>
    public async Task<StepOutcome> StartAsync(string definitionId, string fileId, StartFile stimulus, int? version = null,
        CancellationToken cancellationToken = default, IReadOnlyList<object>? alongside = null)
    {
        using var step = StepTelemetry.Begin("start", stimulus, fileId);
        try
        {
            await using var context = database.CreateContext();
            await using var transaction = await BeginStepAsync(context, cancellationToken);
            var pinned = version ?? await DefinitionStore.LatestPublishedAsync(context, definitionId, cancellationToken)
                         ?? throw new DefinitionNotFoundException(definitionId);
            var definition = await definitions.GetExecutableAsync(context, definitionId, pinned, cancellationToken);
            var result = interpreter.Start(definition, fileId, stimulus);

            var now = interpreter.Clock.GetCurrentInstant().ToDateTimeUtc();
            var file = new FileRow
            {
                Id = fileId,
                DefinitionId = definitionId,
                Version = pinned,
                Status = Status(result.State),
                State = JsonSerializer.Serialize(result.State, RuntimeJson.Options),
                Revision = 1,
                CreatedAt = now,
                UpdatedAt = now,
                ClosedAt = result.State.Status == FileStatus.Running ? null : now,
            };
            context.Files.Add(file);
            if (alongside is not null) context.AddRange(alongside);
            var journal = await RecordAsync(context, file, definition, before: null, stimulus, result, now, cancellationToken);
            await CommitAsync(context, transaction, journal, result, cancellationToken);
            return step.Done(Outcome(result, StepDisposition.Applied));
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception, "files"))
        {
            // Another start won the race for this id: the same stimulus delivered twice is a no-op. (A row alongside
            // that someone else wrote first, e.g. the same idempotency key, is the caller's to answer.)
            await using var context = database.CreateContext();
            var file = await context.Files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
            var same = file is not null && await context.AppliedStimuli
                .AnyAsync(a => a.FileId == fileId && a.StimulusId == stimulus.Id, cancellationToken);
            if (!same) throw new FileAlreadyExistsException(fileId);
            return step.Done(Duplicate(file!));
        }
    }

    /// <summary>Applies one stimulus to a file, exactly once.</summary>
    /// <param name="alongside">Rows that belong with what the stimulus did (e.g. the answer kept for a retried
    /// request), committed in the same transaction when it is applied; not when it is ignored or a duplicate.</param>
    /// <param name="refuseIgnored">True for a stimulus whose sender must be told when it finds nothing to act on (a
    /// partner's answer to a task closed meanwhile): it is then refused rather than recorded as applied.</param>
    /// <exception cref="UnknownFileException">No such file.</exception>
    /// <exception cref="StimulusRejectedException">The stimulus does not fit the file (e.g. unknown activity).</exception>
    /// <exception cref="StimulusIgnoredException">With <paramref name="refuseIgnored"/>: nothing waits for it now; nothing is written.</exception>
    public async Task<StepOutcome> ApplyAsync(string fileId, Stimulus stimulus, CancellationToken cancellationToken = default,
        IReadOnlyList<object>? alongside = null, bool refuseIgnored = false)
    {
        using var step = StepTelemetry.Begin("apply", stimulus, fileId);
        await using var context = database.CreateContext();
        await using var transaction = await BeginStepAsync(context, cancellationToken);
        var file = await LockAsync(context, fileId, cancellationToken) ?? throw new UnknownFileException(fileId);
        if (await context.AppliedStimuli.AnyAsync(a => a.FileId == fileId && a.StimulusId == stimulus.Id, cancellationToken))
            return step.Done(Duplicate(file));

        var definition = await definitions.GetExecutableAsync(context, file.DefinitionId, file.Version, cancellationToken);
        var before = JsonSerializer.Deserialize<FileState>(file.State, RuntimeJson.Options)!;
        var result = interpreter.Apply(definition, before, stimulus);
        // Decided under the file's lock, where the state is the one the stimulus meets: a check made before the
        // step may have seen the task open.
        if (result.Ignored && refuseIgnored) throw new StimulusIgnoredException(result.IgnoredBecause!);

        var now = interpreter.Clock.GetCurrentInstant().ToDateTimeUtc();
        if (!result.Ignored)
        {
            file.State = JsonSerializer.Serialize(result.State, RuntimeJson.Options);
            file.Status = Status(result.State);
            if (result.State.Status != FileStatus.Running) file.ClosedAt ??= now;
        }

        file.Revision++;
        file.UpdatedAt = now;
        if (!result.Ignored && alongside is not null) context.AddRange(alongside);
        var journal = await RecordAsync(context, file, definition, before, stimulus, result, now, cancellationToken);
        await CommitAsync(context, transaction, journal, result, cancellationToken);
        return step.Done(Outcome(result, result.Ignored ? StepDisposition.Ignored : StepDisposition.Applied));
    }

    /// <summary>
    /// Begins a step's transaction. EF's automatic savepoint around SaveChanges is turned off: it exists to keep
    /// a transaction usable after a failed save, but a step that fails is rolled back whole, never resumed, and
    /// on PostgreSQL the SAVEPOINT and its RELEASE cost a round trip each. The transaction opens the connection.
    /// </summary>
    private static Task<IDbContextTransaction> BeginStepAsync(PathwayDbContext context, CancellationToken cancellationToken)
    {
        context.Database.AutoSavepointsEnabled = false;
        return context.Database.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the step's rows and commits. On PostgreSQL the journal lines, most of a step's rows (about three
    /// per activity run), go as one INSERT over arrays rather than one INSERT each, and the COMMIT travels with
    /// that INSERT instead of costing a round trip of its own (the round trips, not the bytes, are what a step
    /// waits for). If the INSERT fails, PostgreSQL skips the COMMIT and disposing the transaction rolls the whole
    /// step back, as before; once the COMMIT succeeded, Npgsql sees the session idle and disposing sends nothing.
    /// The column list follows the journal table of the migration; the persistence tests run it on PostgreSQL.
    /// Once committed, the outbox listener hears of the step's effects.
    /// </summary>
    private async Task CommitAsync(PathwayDbContext context, IDbContextTransaction transaction, List<JournalRow> journal,
        StepResult result, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            context.Journal.AddRange(journal);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await context.SaveChangesAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(
                (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
            if (journal.Count > 0) batch.BatchCommands.Add(InsertJournal(journal, context));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        if (result.Effects.Count > 0) outboxListener?.EffectsCommitted();
    }

    /// <summary>The journal lines as one statement with one array per column: nine parameters however many
    /// lines a step writes (a long loop may write thousands; PostgreSQL takes at most 65,535 parameters).
    /// The change tracker does not write this statement, so the data is sealed to its line here, as it seals it.</summary>
    private static NpgsqlBatchCommand InsertJournal(List<JournalRow> rows, PathwayDbContext context) => new(
        "INSERT INTO journal (file_id, sequence, at, actor, kind, stimulus_id, activity_id, token_id, data) " +
        "SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])")
    {
        Parameters =
        {
            Column(rows, r => r.FileId, NpgsqlDbType.Text),
            Column(rows, r => r.Sequence, NpgsqlDbType.Bigint),
            Column(rows, r => r.At, NpgsqlDbType.TimestampTz),
            Column(rows, r => r.Actor, NpgsqlDbType.Text),
            Column(rows, r => r.Kind, NpgsqlDbType.Text),
            Column(rows, r => r.StimulusId, NpgsqlDbType.Text),
            Column(rows, r => r.ActivityId, NpgsqlDbType.Text),
            Column(rows, r => r.TokenId, NpgsqlDbType.Text),
            Column(rows, r => PersonalDataColumns.Seal(context, r, nameof(JournalRow.Data)), NpgsqlDbType.Text),
        },
    };

    private static NpgsqlParameter Column<T>(List<JournalRow> rows, Func<JournalRow, T> value, NpgsqlDbType type) =>
        new() { Value = rows.ConvertAll(r => value(r)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };

    /// <summary>Reads the file and holds it until commit, so stimuli for one file run one after another.</summary>
    private Task<FileRow?> LockAsync(PathwayDbContext context, string fileId, CancellationToken cancellationToken) =>
        database.LockAsync(context.Files, $"SELECT * FROM files WHERE id = {fileId} FOR UPDATE", f => f.Id == fileId, cancellationToken);

    /// <summary>Adds the step's rows to the context, except the journal lines, returned for <see cref="CommitAsync"/>.</summary>
    private static async Task<List<JournalRow>> RecordAsync(PathwayDbContext context, FileRow file, ExecutableDefinition definition,
        FileState? before, Stimulus stimulus, StepResult result, DateTime now, CancellationToken cancellationToken)
    {
        if (!result.Ignored)
        {
            await FollowStateAsync(context, file.Id, definition, before, result.State, now, cancellationToken);
            await RecordApplier.ApplyAsync(context, file.Id, result.Records, cancellationToken);
        }

        var journal = new List<JournalRow>(result.Journal.Count);
        foreach (var entry in result.Journal)
            journal.Add(new JournalRow
            {
                FileId = file.Id,
                Sequence = ++file.JournalSequence,
                At = entry.At.ToDateTimeUtc(),
                Actor = entry.Actor,
                Kind = entry.Kind,
                StimulusId = entry.StimulusId,
                ActivityId = entry.ActivityId,
                TokenId = entry.TokenId,
                Data = entry.Data?.ToJsonString(RuntimeJson.Options),
            });

        context.AppliedStimuli.Add(new AppliedStimulusRow
        {
            FileId = file.Id, StimulusId = stimulus.Id, Kind = stimulus.Kind, AppliedAt = now, IgnoredBecause = result.IgnoredBecause,
        });

        foreach (var (effect, position) in result.Effects.Select((e, i) => (e, i)))
            context.Outbox.Add(new OutboxRow
            {
                FileRevision = file.Revision,
                Position = position,
                MessageId = effect.MessageId,
                FileId = file.Id,
                Kind = effect.Kind,
                Destination = effect.Destination,
                DueAt = effect.DueAt?.ToDateTimeUtc(),
                Payload = effect.Payload.ToJsonString(RuntimeJson.Options),
                CreatedAt = now,
            });
        return journal;
    }

    /// <summary>The queryable columns follow the state (stages, waiting bookmarks): only what changed is written.</summary>
    /// <remarks>A migration passes the version the file leaves as <paramref name="definitionBefore"/>.</remarks>
    internal static async Task FollowStateAsync(PathwayDbContext context, string fileId, ExecutableDefinition definition,
        FileState? before, FileState after, DateTime now, CancellationToken cancellationToken, ExecutableDefinition? definitionBefore = null)
    {
        var stagesBefore = before is null ? [] : (definitionBefore ?? definition).CurrentStages(before);
        var stagesAfter = definition.CurrentStages(after);
        var stagesGone = stagesBefore.Except(stagesAfter).ToList();
        if (stagesGone.Count > 0)
            await context.FileStages.Where(s => s.FileId == fileId && stagesGone.Contains(s.Stage)).ExecuteDeleteAsync(cancellationToken);
        foreach (var stage in stagesAfter.Except(stagesBefore))
            context.FileStages.Add(new FileStageRow { FileId = fileId, Stage = stage });

        var waitingBefore = before is null ? [] : Waiting(before).ToDictionary(b => b.Id);
        var waitingAfter = Waiting(after).ToList();
        var bookmarksGone = waitingBefore.Keys.Except(waitingAfter.Select(b => b.Id)).ToList();
        if (bookmarksGone.Count > 0)
        {
            var closedAt = now;
            await context.Bookmarks.Where(b => bookmarksGone.Contains(b.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ClosedAt, closedAt), cancellationToken);
        }

        foreach (var bookmark in waitingAfter)
        {
            if (!waitingBefore.TryGetValue(bookmark.Id, out var old))
            {
                context.Bookmarks.Add(new BookmarkRow
                {
                    Id = bookmark.Id,
                    FileId = fileId,
                    Kind = bookmark.Kind.ToString(),
                    ActivityId = bookmark.ActivityId,
                    Purpose = bookmark.Purpose,
                    Addressee = bookmark.Addressee,
                    DueAt = bookmark.DueAt?.ToDateTimeUtc(),
                    EventName = bookmark.EventName,
                    CorrelationKey = bookmark.CorrelationKey,
                    Data = DataOf(bookmark),
                    CreatedAt = bookmark.CreatedAt.ToDateTimeUtc(),
                });
            }
            else if (old.DueAt != bookmark.DueAt || !JsonNode.DeepEquals(old.Data, bookmark.Data))
            {
                // Kept by its activity with a new due time (a deadline extended) or new data (a task acknowledged).
                // The data is sealed to its bookmark here: the change tracker does not write this statement.
                var dueAt = bookmark.DueAt?.ToDateTimeUtc();
                var data = PersonalDataColumns.Seal(context, new BookmarkRow
                {
                    Id = bookmark.Id, FileId = fileId, Kind = bookmark.Kind.ToString(), ActivityId = bookmark.ActivityId,
                    Data = DataOf(bookmark), CreatedAt = bookmark.CreatedAt.ToDateTimeUtc(),
                }, nameof(BookmarkRow.Data));
                var stored = PersonalDataColumns.StoredProperty(nameof(BookmarkRow.Data));
                await context.Bookmarks.Where(b => b.Id == bookmark.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.DueAt, dueAt).SetProperty(b => EF.Property<string?>(b, stored), data), cancellationToken);
            }
        }
    }

    private static string? DataOf(Bookmark bookmark) => bookmark.Data?.ToJsonString(RuntimeJson.Options);

    /// <summary>What the file waits for: nothing once it is closed, even when a fault left its tokens in place,
    /// so that no timer or event is looked for on a file that cannot move.</summary>
    private static IEnumerable<Bookmark> Waiting(FileState state) =>
        state.Status == FileStatus.Running ? state.Tokens.SelectMany(t => t.Bookmarks) : [];

    private static string Status(FileState state) => state.Status.ToString().ToLowerInvariant();

    private static StepOutcome Outcome(StepResult result, StepDisposition disposition) =>
        new(result.State.FileId, disposition, result.State.Status, result.IgnoredBecause, result.Journal.Count, result.Effects);

    private static StepOutcome Duplicate(FileRow file) =>
        new(file.Id, StepDisposition.Duplicate, Enum.Parse<FileStatus>(file.Status, ignoreCase: true), null, 0, []);
}

public enum StepDisposition
{
    /// <summary>The stimulus changed the file.</summary>
    Applied,
    /// <summary>The stimulus found nothing to act on (e.g. a timer for an answered task); recorded as applied.</summary>
    Ignored,
    /// <summary>This stimulus id was already applied to the file: nothing done.</summary>
    Duplicate,
}

/// <summary>What one stimulus did to a file, once committed.</summary>
public sealed record StepOutcome(
    string FileId, StepDisposition Disposition, FileStatus Status, string? IgnoredBecause, int JournalLines,
    IReadOnlyList<Effect> Effects);

public sealed class UnknownFileException(string fileId) : Exception($"There is no file '{fileId}'.")
{
    public string FileId { get; } = fileId;
}

/// <summary>A stimulus that found nothing to act on, refused rather than recorded (<see cref="CareFileRunner.ApplyAsync"/>).</summary>
public sealed class StimulusIgnoredException(string reason) : Exception(reason);

public sealed class FileAlreadyExistsException(string fileId) : Exception($"A file '{fileId}' already exists.")
{
    public string FileId { get; } = fileId;
}

/// <summary>Told when a step committed effects, so the dispatcher sends them now rather than at its next poll.</summary>
public interface IOutboxListener
{
    void EffectsCommitted();
}
