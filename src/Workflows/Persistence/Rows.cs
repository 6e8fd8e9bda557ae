namespace Pathway.Workflows.Persistence;

// The tables, as EF Core entities. Names are the domain's; columns are snake_case (see PathwayDbContext).
// Times are UTC DateTime: both providers compare and sort them in SQL.

/// <summary>One version of a definition: draft, published (immutable, enforced by a trigger) or retired.</summary>
public sealed class DefinitionVersionRow
{
    public required string DefinitionId { get; init; }

    public required int Version { get; init; }

    public required string Name { get; set; }

    public required string Status { get; set; }

    /// <summary>The definition as written by <see cref="Definitions.DefinitionJson.Serialize"/>.</summary>
    public required string Document { get; set; }

    public required DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTime? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTime? RetiredAt { get; set; }

    public string? RetiredBy { get; set; }
}

public static class VersionStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Retired = "retired";
}

/// <summary>A care file: the queryable columns beside the interpreter's state document.</summary>
public sealed class FileRow
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    /// <summary>The version the file runs on: the one it started on, unless a migration moved it. A trigger refuses
    /// any change that is not a sanctioned migration (a <see cref="FileMigrationRow"/> written just before).</summary>
    public required int Version { get; set; }

    /// <summary>running, completed, cancelled or faulted.</summary>
    public required string Status { get; set; }

    /// <summary>The <see cref="Runtime.FileState"/> as JSON.</summary>
    public required string State { get; set; }

    /// <summary>Incremented on every applied stimulus.</summary>
    public long Revision { get; set; }

    /// <summary>Sequence number of the file's last journal line.</summary>
    public long JournalSequence { get; set; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public List<FileStageRow> Stages { get; init; } = [];

    public List<BookmarkRow> Bookmarks { get; init; } = [];
}

/// <summary>A stage where one of the file's tokens stands.</summary>
public sealed class FileStageRow
{
    public required string FileId { get; init; }

    public required string Stage { get; init; }
}

/// <summary>
/// What a waiting token waits for; <see cref="DueAt"/> is set for timers and deadlines. A bookmark that is no
/// longer waited on is closed, not deleted, so that an answer to a closed task can be told from an answer to a
/// task that never existed; queries see open bookmarks only unless they ask otherwise.
/// </summary>
public sealed class BookmarkRow
{
    public required Guid Id { get; init; }

    public required string FileId { get; init; }

    public required string Kind { get; init; }

    public required string ActivityId { get; init; }

    /// <summary>What is awaited, e.g. task, deadline, reminder, escalation.</summary>
    public string? Purpose { get; set; }

    /// <summary>For replies: who may answer (a partner id, or <c>role:</c> and a role).</summary>
    public string? Addressee { get; init; }

    public DateTime? DueAt { get; set; }

    public string? EventName { get; init; }

    public string? CorrelationKey { get; init; }

    /// <summary>The activity's own data on the bookmark (JSON object), e.g. a task's title and legal basis.</summary>
    public string? Data { get; set; }

    public required DateTime CreatedAt { get; init; }

    public DateTime? ClosedAt { get; set; }
}

/// <summary>One line of a file's journal; append-only, enforced by a trigger.</summary>
public sealed class JournalRow
{
    public required string FileId { get; init; }

    public required long Sequence { get; init; }

    public required DateTime At { get; init; }

    public required string Actor { get; init; }

    public required string Kind { get; init; }

    public string? StimulusId { get; init; }

    public string? ActivityId { get; init; }

    public string? TokenId { get; init; }

    /// <summary>JSON object, or null.</summary>
    public string? Data { get; init; }
}

/// <summary>A stimulus already applied to a file: applying its id again is a no-op.</summary>
public sealed class AppliedStimulusRow
{
    public required string FileId { get; init; }

    public required string StimulusId { get; init; }

    public required string Kind { get; init; }

    public required DateTime AppliedAt { get; init; }

    public string? IgnoredBecause { get; init; }
}

/// <summary>An effect to carry out after commit (message to a partner, timer to set or cancel).</summary>
public sealed class OutboxRow
{
    public required Guid MessageId { get; init; }

    public required string FileId { get; init; }

    public required string Kind { get; init; }

    public string? Destination { get; init; }

    public DateTime? DueAt { get; init; }

    /// <summary>JSON object.</summary>
    public required string Payload { get; init; }

    public required DateTime CreatedAt { get; init; }

    /// <summary>The file's revision after the step that committed it: with <see cref="Position"/>, the order in
    /// which a file's effects are carried out.</summary>
    public long FileRevision { get; init; }

    /// <summary>Its place among the effects of its step.</summary>
    public int Position { get; init; }

    /// <summary>The host carrying it out now, until <see cref="ClaimedUntil"/>; after that any host may take it over.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>After a failed attempt, not before this time (back-off).</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed, without personal data.</summary>
    public string? LastError { get; set; }
}

/// <summary>
/// How a file came in: the signalement or information préoccupante that opened it. The reporter, the minor's
/// identity and the facts are personal data (encrypted at rest); the identity keys are keyed hashes of the
/// normalised identity (a blind index), so that duplicates of one minor are found without decrypting anything.
/// </summary>
public sealed class IntakeRow
{
    public required string FileId { get; init; }

    /// <summary>information-preoccupante or signalement.</summary>
    public required string Origin { get; init; }

    public required DateOnly ReceivedAt { get; init; }

    /// <summary>faible, modere, eleve or immediat.</summary>
    public required string DangerLevel { get; init; }

    /// <summary>The reporter (JSON object: name, organisation, phone, email).</summary>
    public required string Reporter { get; init; }

    /// <summary>The minor's identity (JSON object: givenName, familyName, birthDate, address).</summary>
    public required string Minor { get; init; }

    public required string Facts { get; init; }

    /// <summary>Keyed hash of family name, given name and birth date, normalised: the same minor, surely.</summary>
    public required string IdentityKey { get; init; }

    /// <summary>Keyed hash of family name and birth date, normalised: probably the same minor.</summary>
    public required string ProbableIdentityKey { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}

/// <summary>A free-text note on a file (encrypted at rest).</summary>
public sealed class FileNoteRow
{
    public required Guid Id { get; init; }

    public required string FileId { get; init; }

    public required DateTime At { get; init; }

    /// <summary>The actor, as in the journal (<c>user:</c> and an id).</summary>
    public required string Author { get; init; }

    public required string Text { get; init; }
}

/// <summary>
/// One access to a file's personal data (identity, intake, notes, an export): who, when, which file, what.
/// Append-only, enforced by a trigger. The file's own journal records what was done; this records what was seen.
/// </summary>
public sealed class AccessRow
{
    public long Id { get; init; }

    public required DateTime At { get; init; }

    public required string Actor { get; init; }

    /// <summary>Null for an access that is not about one file (e.g. a yearly export).</summary>
    public string? FileId { get; init; }

    /// <summary>What was read, e.g. identity, intake, notes, export.</summary>
    public required string What { get; init; }
}

/// <summary>
/// One file moved by a migration from one version of its definition to another. Append-only (trigger); written in the
/// file's transaction just before its version changes, which the trigger on <c>files</c> checks: a version changes
/// only with a row naming the file, both versions and the revision the file is given.
/// </summary>
public sealed class FileMigrationRow
{
    public required string MigrationId { get; init; }

    public required string FileId { get; init; }

    public required string DefinitionId { get; init; }

    public required int FromVersion { get; init; }

    public required int ToVersion { get; init; }

    /// <summary>The file's revision once migrated, so that a row sanctions one change only.</summary>
    public required long FileRevision { get; init; }

    public required DateTime AppliedAt { get; init; }

    /// <summary>The actor, as in the journal.</summary>
    public required string AppliedBy { get; init; }
}

/// <summary>
/// A state-changing request made with an <c>Idempotency-Key</c>, and the answer it got: a retry with the same key and
/// the same request gets this answer again instead of acting twice. Written in the transaction of the request's
/// effect (the file opened, the note added, the step applied), so that the effect never exists without its key, nor
/// the key without its effect. Kept until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class IdempotencyKeyRow
{
    /// <summary>Whose key it is, as the journal writes users (<c>user:</c> and an id): keys are each user's own.</summary>
    public required string Actor { get; init; }

    /// <summary>The key as the client sent it (at most 255 visible ASCII characters, checked by the host).</summary>
    public required string Key { get; init; }

    /// <summary>A hash of what was asked (method, path, user, body): the same key with another request is refused.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The answer's HTTP status, e.g. 201.</summary>
    public required int Status { get; init; }

    /// <summary>The answer's <c>Location</c>, if it had one.</summary>
    public string? Location { get; init; }

    public required string ContentType { get; init; }

    /// <summary>The answer's body, as sent (encrypted at rest: answers name files).</summary>
    public required string Body { get; set; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime ExpiresAt { get; init; }
}

/// <summary>
/// Present while the database may hold values written before they were bound to their place (<c>pw1:</c>): the
/// migration that binds them inserts it, <see cref="PersonalDataRebinding"/> deletes it once none remains, and it
/// is locked by whoever rebinds, so that two hosts starting together rebind one after the other. One row at most.
/// </summary>
public sealed class PendingRebindingRow
{
    /// <summary>Always 1 (a CHECK constraint).</summary>
    public int Id { get; init; } = 1;

    public required DateTime Since { get; init; }
}
