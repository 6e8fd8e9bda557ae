using NodaTime;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Workflows.Runtime;

/// <summary>
/// Everything the interpreter needs to continue a file, stored as one JSON document beside the queryable
/// columns (status, version, current stages, bookmarks). Ids of tokens and split activations are
/// sequential per file, so runs are reproducible.
/// </summary>
public sealed class FileState
{
    public required string FileId { get; init; }

    public required string DefinitionId { get; init; }

    public required int Version { get; init; }

    public FileStatus Status { get; set; } = FileStatus.Running;

    public Dictionary<string, JsonNode?> Variables { get; init; } = new(StringComparer.Ordinal);

    public List<Token> Tokens { get; init; } = [];

    /// <summary>Open scopes of splits, by activation id.</summary>
    public Dictionary<string, SplitActivation> Activations { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Last sequence number handed out for token, activation and journal ids.</summary>
    public long Sequence { get; set; }

    /// <summary>Why the file faulted, in words safe for logs (no personal data).</summary>
    public string? Fault { get; set; }

    public string NextId(string prefix) => prefix + (++Sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A deep copy, so a failed attempt never leaks into the state it started from.</summary>
    public FileState Clone() =>
        System.Text.Json.JsonSerializer.Deserialize<FileState>(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, RuntimeJson.Options), RuntimeJson.Options)!;
}

[JsonConverter(typeof(JsonStringEnumConverter<FileStatus>))]
public enum FileStatus
{
    Running,
    Completed,
    Cancelled,
    Faulted,
}

/// <summary>A token: where one thread of control of the file stands.</summary>
public sealed class Token
{
    public required string Id { get; init; }

    public required string ActivityId { get; set; }

    /// <summary>Split activations this token is inside, outermost first.</summary>
    public List<Frame> Scope { get; init; } = [];

    /// <summary>Empty while the token is running; the bookmarks it waits on once parked.</summary>
    public List<Bookmark> Bookmarks { get; init; } = [];

    [JsonIgnore]
    public bool IsWaiting => Bookmarks.Count > 0;
}

/// <summary>One level of split scope carried by a token.</summary>
public sealed record Frame(string SplitActivityId, string ActivationId);

/// <summary>The live count of one split's scope: tokens (or nested scopes) still inside, and arrivals at the join.</summary>
public sealed class SplitActivation
{
    public required string Id { get; init; }

    public required string SplitActivityId { get; init; }

    /// <summary>Deferred choice: the first branch to complete an activity wins.</summary>
    public bool Race { get; init; }

    /// <summary>Tokens of this scope that have neither arrived at the join nor been consumed.</summary>
    public int Alive { get; set; }

    public int Arrived { get; set; }

    /// <summary>The join that tokens of this scope reached, once one did.</summary>
    public string? JoinActivityId { get; set; }

    public bool Fired { get; set; }

    /// <summary>The scope this one is nested in, so an empty scope can tell its parent.</summary>
    public Frame? Parent { get; init; }
}

/// <summary>A parked token's reason to wake up. Bookmarks with a due time are timers the host schedules.</summary>
public sealed class Bookmark
{
    public required Guid Id { get; init; }

    public required BookmarkKind Kind { get; init; }

    public required string ActivityId { get; init; }

    /// <summary>For replies: who may answer (a partner id, or <c>role:</c> and a role).</summary>
    public string? Addressee { get; init; }

    public string? Outcome { get; init; }

    public Instant? DueAt { get; init; }

    public string? EventName { get; init; }

    public string? CorrelationKey { get; init; }

    public string? Purpose { get; init; }

    public JsonObject? Data { get; init; }

    public required Instant CreatedAt { get; init; }
}

/// <summary>Given to <see cref="Activity.Resume"/>: which bookmark woke the activity, and with what.
/// <see cref="Waiting"/> holds every bookmark the token had, the resumed one included, so that a long-running
/// activity (a partner task with its deadline, reminder and escalation) can say which of them it still waits on.</summary>
public sealed record Resumption(Bookmark Bookmark, JsonObject? Payload, string Actor, IReadOnlyList<Bookmark> Waiting)
{
    /// <summary>The first waiting bookmark with this purpose, if any.</summary>
    public Bookmark? Find(string purpose) => Waiting.FirstOrDefault(b => b.Purpose == purpose);
}
