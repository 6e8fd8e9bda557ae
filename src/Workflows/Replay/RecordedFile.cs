using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodaTime;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Replay;

/// <summary>
/// A file's recorded history as a replay needs it: how it opened, then every stimulus it took, in order, with its
/// time. Read from the journal by <see cref="RecordedJournal"/>, or written by hand (a scenario in a definitions
/// repository). Holds answers' payloads and start values: personal data, kept on the server.
/// </summary>
public sealed record RecordedFile
{
    public required string FileId { get; init; }

    public required string DefinitionId { get; init; }

    /// <summary>The version the file started on.</summary>
    public required int Version { get; init; }

    public required Instant OpenedAt { get; init; }

    /// <summary>When the signalement was received, for the time to first measure; the opening time when unknown.</summary>
    public Instant? SignalementAt { get; init; }

    public string OpenedBy { get; init; } = "system:replay";

    /// <summary>The values the file was opened with, by variable name; each version takes those it declares.</summary>
    public Dictionary<string, JsonNode?> StartVariables { get; init; } = new(StringComparer.Ordinal);

    public List<RecordedStimulus> Stimuli { get; init; } = [];
}

/// <summary>One stimulus of a recorded history. Answers and timers name the bookmark they resumed by its activity
/// and purpose, since bookmark ids are minted afresh by every run.</summary>
public sealed record RecordedStimulus
{
    public required string Id { get; init; }

    public required Instant At { get; init; }

    public required string Actor { get; init; }

    public required RecordedStimulusKind Kind { get; init; }

    /// <summary>The activity answered, timed out or withdrawn.</summary>
    public string? ActivityId { get; init; }

    /// <summary>For answers and timers: the resumed bookmark's purpose (task, escalation, deadline…).</summary>
    public string? Purpose { get; init; }

    public string? EventName { get; init; }

    public JsonObject? Payload { get; init; }

    public string? Reason { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RecordedStimulusKind>))]
public enum RecordedStimulusKind
{
    /// <summary>A reply to a bookmark: a partner's answer, a console action on a task or an escalation.</summary>
    Answer,
    /// <summary>A timer that fired; a replay re-derives timers from the definition it runs and does not apply these.</summary>
    Timer,
    Event,
    CancelActivity,
    CancelFile,
    /// <summary>The file was moved to another version here: its history after that is not replayed.</summary>
    Migration,
}

/// <summary>Reads a file's journal lines (decrypted, in order) into a <see cref="RecordedFile"/>. Pure.</summary>
public static class RecordedJournal
{
    /// <summary>The journal kind of a migration (see <see cref="Versioning.FileMigrator.JournalKind"/>).</summary>
    private const string Migrated = Versioning.FileMigrator.JournalKind;

    /// <param name="definitionId">The file's definition; its version is read from the journal's <c>file.started</c> line.</param>
    public static RecordedFile Read(string fileId, string definitionId, int version, IEnumerable<JournalEntry> lines,
        IReadOnlyDictionary<string, JsonNode?>? startVariables = null, Instant? signalementAt = null)
    {
        var bookmarks = new Dictionary<string, (string? Activity, string? Kind, string? Purpose)>(StringComparer.Ordinal);
        var stimuli = new List<RecordedStimulus>();
        Instant? openedAt = null;
        var openedBy = "system:replay";
        var startedOn = version;
        // Withdrawals name the activity a cancel-activity stimulus withdrew: its own line does not.
        var cancelAt = -1;
        foreach (var line in lines)
        {
            var data = line.Data;
            switch (line.Kind)
            {
                case JournalKinds.StimulusReceived when (data?["ignored"]) is not null:
                    break; // an ignored stimulus is journaled without its details: nothing to replay
                case JournalKinds.StimulusReceived:
                    var kind = Text(data, "kind");
                    if (kind == "start")
                    {
                        openedAt ??= line.At;
                        openedBy = line.Actor;
                        break;
                    }

                    var stimulus = new RecordedStimulus
                    {
                        Id = line.StimulusId ?? $"line:{stimuli.Count}", At = line.At, Actor = line.Actor, Kind = RecordedStimulusKind.CancelFile,
                        Payload = data?["payload"] is JsonObject payload ? payload.DeepClone().AsObject() : null, Reason = Text(data, "reason"),
                    };
                    switch (kind)
                    {
                        case "resume":
                            var (activity, bookmarkKind, purpose) = bookmarks.GetValueOrDefault(Text(data, "bookmarkId") ?? "");
                            stimulus = stimulus with
                            {
                                Kind = bookmarkKind == "timer" ? RecordedStimulusKind.Timer : RecordedStimulusKind.Answer,
                                ActivityId = activity, Purpose = purpose,
                            };
                            break;
                        case "event":
                            stimulus = stimulus with { Kind = RecordedStimulusKind.Event, EventName = Text(data, "event") };
                            break;
                        case "cancel-activity":
                            stimulus = stimulus with { Kind = RecordedStimulusKind.CancelActivity };
                            cancelAt = stimuli.Count;
                            break;
                        case "cancel-file":
                            break;
                        default:
                            continue;
                    }

                    stimuli.Add(stimulus);
                    break;
                case JournalKinds.FileStarted:
                    openedAt ??= line.At;
                    if (data?["version"] is JsonValue v && v.TryGetValue<int>(out var started)) startedOn = started;
                    break;
                case JournalKinds.ActivityWaiting when (data?["bookmarks"]) is JsonArray added:
                    foreach (var bookmark in added.OfType<JsonObject>())
                        if (Text(bookmark, "bookmarkId") is { } id) bookmarks[id] = (line.ActivityId, Text(bookmark, "kind"), Text(bookmark, "purpose"));
                    break;
                case JournalKinds.ActivityWithdrawn when cancelAt >= 0 && stimuli[cancelAt].Id == line.StimulusId && stimuli[cancelAt].ActivityId is null:
                    stimuli[cancelAt] = stimuli[cancelAt] with { ActivityId = line.ActivityId };
                    break;
                case Migrated:
                    stimuli.Add(new RecordedStimulus
                    {
                        Id = line.StimulusId ?? $"line:{stimuli.Count}", At = line.At, Actor = line.Actor, Kind = RecordedStimulusKind.Migration,
                    });
                    break;
            }
        }

        return new RecordedFile
        {
            FileId = fileId, DefinitionId = definitionId, Version = startedOn, OpenedAt = openedAt ?? Instant.MinValue, OpenedBy = openedBy,
            SignalementAt = signalementAt, Stimuli = stimuli,
            StartVariables = startVariables is null ? new(StringComparer.Ordinal) : new(startVariables, StringComparer.Ordinal),
        };
    }

    private static string? Text(JsonObject? data, string name) =>
        data?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
