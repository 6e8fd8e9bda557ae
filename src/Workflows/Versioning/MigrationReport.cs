using System.Text.Json.Serialization;

namespace Pathway.Workflows.Versioning;

/// <summary>What a migration did (or, in a dry run, would do), file by file. The shape the API returns.</summary>
public sealed record MigrationReport(
    string MigrationId,
    string Id,
    int From,
    int To,
    bool Applied,
    IReadOnlyDictionary<string, string?> Mapping,
    MigrationSummary Summary,
    IReadOnlyList<FileMigrationReport> Files)
{
    public static MigrationReport Of(string migrationId, string id, int from, int to, bool applied,
        IReadOnlyDictionary<string, string?> mapping, IReadOnlyList<FileMigrationReport> files) =>
        new(migrationId, id, from, to, applied, mapping,
            new MigrationSummary(files.Count, files.Count(f => f.Status == FileMigrationStatus.Migrated),
                files.Count(f => f.Status == FileMigrationStatus.Refused), files.Count(f => f.Status == FileMigrationStatus.AlreadyMigrated)),
            files);
}

public sealed record MigrationSummary(int Files, int Migrated, int Refused, int AlreadyMigrated);

[JsonConverter(typeof(JsonStringEnumConverter<FileMigrationStatus>))]
public enum FileMigrationStatus
{
    /// <summary>Moved to the new version (in a dry run: would be).</summary>
    [JsonStringEnumMemberName("migrated")] Migrated,
    /// <summary>Stays on its version; the reasons say why.</summary>
    [JsonStringEnumMemberName("refused")] Refused,
    /// <summary>This migration id already moved the file: nothing done again.</summary>
    [JsonStringEnumMemberName("alreadyMigrated")] AlreadyMigrated,
}

public sealed record FileMigrationReport(
    string FileId,
    FileMigrationStatus Status,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<TokenMigration> Tokens,
    VariableMigration Variables)
{
    public static FileMigrationReport Refused(string fileId, IReadOnlyList<string> reasons) =>
        new(fileId, FileMigrationStatus.Refused, reasons, [], VariableMigration.None);

    public static FileMigrationReport Already(string fileId) =>
        new(fileId, FileMigrationStatus.AlreadyMigrated, [], [], VariableMigration.None);
}

[JsonConverter(typeof(JsonStringEnumConverter<TokenDisposition>))]
public enum TokenDisposition
{
    /// <summary>Same activity, same inputs: the waiting state (task id, deadlines) is kept as it is.</summary>
    [JsonStringEnumMemberName("kept")] Kept,
    /// <summary>Same activity, only its timing inputs changed: the task is kept, its timers recounted from when it began.</summary>
    [JsonStringEnumMemberName("deadlineMoved")] DeadlineMoved,
    /// <summary>The activity on the old version is withdrawn and the new one entered afresh (a new task, new deadlines).</summary>
    [JsonStringEnumMemberName("reissued")] Reissued,
}

/// <summary>Where one waiting token went, and what happened to what it waited for.</summary>
public sealed record TokenMigration(
    string From,
    string To,
    TokenDisposition Disposition,
    IReadOnlyList<MigratedTask> Kept,
    IReadOnlyList<MigratedTask> Cancelled,
    IReadOnlyList<MigratedTask> Assigned,
    IReadOnlyList<DeadlineMove> Deadlines);

/// <summary>A reply the file waits for: a partner's task or an escalation (<see cref="Addressee"/> a partner id or <c>role:</c>…).</summary>
public sealed record MigratedTask(string Id, string? Purpose, string? Addressee, DateTime? DueAt);

public sealed record DeadlineMove(string? Purpose, DateTime? Before, DateTime? After);

public sealed record VariableMigration(IReadOnlyList<string> Dropped, IReadOnlyList<string> Added, IReadOnlyList<string> Required)
{
    public static VariableMigration None { get; } = new([], [], []);
}
