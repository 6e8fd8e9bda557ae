using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Versioning;

/// <summary>
/// Moves one running file from one version of its definition to another, in memory (pure, like the interpreter):
/// every waiting token goes where the mapping says, and what it waited for is kept, recounted or reissued. A file
/// that cannot be carried over whole is refused with its reasons and left as it was; nothing is half-migrated.
/// </summary>
public sealed class FileMigrator(ActivityCatalog catalog, DeploymentCalendar? calendar = null)
{
    private readonly DeploymentCalendar _calendar = calendar ?? DeploymentCalendar.Metropole;

    public const string JournalKind = "file.migrated";

    /// <summary>Why a migration withdraws an activity, in the journal's and the engine's words as the interpreter's own
    /// withdrawals are (never shown as is); a partner whose task goes reads the catalogue's reason (task.withdrawn).</summary>
    public const string WithdrawalReason = "the file moved to another version of its pathway";

    public static string StimulusId(string migrationId) => "migration:" + migrationId;

    public FileMigration Migrate(ExecutableDefinition from, ExecutableDefinition to, FileState file,
        IReadOnlyDictionary<string, string?> mapping, string migrationId, string actor, Instant now)
    {
        try
        {
            return Carry(from, to, file, mapping, migrationId, actor, now);
        }
        catch (MigrationRefusedException refused)
        {
            return FileMigration.Refused(file.FileId, [refused.Message]);
        }
    }

    private FileMigration Carry(ExecutableDefinition from, ExecutableDefinition to, FileState file,
        IReadOnlyDictionary<string, string?> mapping, string migrationId, string actor, Instant now)
    {
        if (file.Status != FileStatus.Running)
            return FileMigration.Refused(file.FileId, [$"the file is {file.Status.ToString().ToLowerInvariant()}"]);
        var reasons = new List<string>();
        var state = Copy(file, to.Definition.Version);
        var variables = CarryVariables(to, state, reasons);
        reasons.AddRange(ScopeProblems(from, to, state));
        var targets = new Dictionary<Token, ExecutableNode>();
        foreach (var token in state.Tokens)
        {
            if (TargetOf(from, to, token, mapping, out var problem) is { } target) targets[token] = target;
            else reasons.Add(problem!);
        }

        if (reasons.Count > 0) return FileMigration.Refused(file.FileId, reasons);

        var context = new MigrationContext(state, to, StimulusId(migrationId), actor, now, _calendar);
        var tokens = state.Tokens.Select(t => CarryToken(context, from[t.ActivityId], targets[t], t)).ToList();
        var entry = new JsonObject
        {
            ["migrationId"] = migrationId, ["from"] = from.Definition.Version, ["to"] = to.Definition.Version,
            ["mapping"] = new JsonObject(mapping.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
            ["tokens"] = System.Text.Json.JsonSerializer.SerializeToNode(tokens, RuntimeJson.Options),
            ["variables"] = System.Text.Json.JsonSerializer.SerializeToNode(variables, RuntimeJson.Options),
        };
        var journal = new List<JournalEntry>
        {
            new() { At = now, Actor = actor, Kind = JournalKind, StimulusId = StimulusId(migrationId), Data = entry },
        };
        journal.AddRange(context.JournalLines);
        return new FileMigration(new FileMigrationReport(file.FileId, FileMigrationStatus.Migrated, [], tokens, variables), state, journal, context.Effects) { Records = context.Records };
    }

    private static FileState Copy(FileState file, int version)
    {
        var clone = file.Clone();
        return new FileState
        {
            FileId = clone.FileId, DefinitionId = clone.DefinitionId, Version = version, Status = clone.Status,
            Variables = clone.Variables, Tokens = clone.Tokens, Activations = clone.Activations, Sequence = clone.Sequence, Fault = clone.Fault,
        };
    }

    /// <summary>Values the new version does not declare are dropped; new variables take their default; a value that
    /// does not fit its new type cannot be carried (it would be lost, or wrong).</summary>
    private static VariableMigration CarryVariables(ExecutableDefinition to, FileState state, List<string> reasons)
    {
        var dropped = state.Variables.Keys.Where(n => !to.Variables.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        foreach (var name in dropped) state.Variables.Remove(name);
        var added = new List<string>();
        var required = new List<string>();
        foreach (var variable in to.Definition.Variables)
        {
            if (state.Variables.TryGetValue(variable.Name, out var value))
            {
                if (value is not null && VariableValues.Problem(variable, value) is not null)
                    reasons.Add($"variable '{variable.Name}' holds a value that does not fit its definition in v{to.Definition.Version}");
                continue;
            }

            state.Variables[variable.Name] = variable.Default?.DeepClone();
            added.Add(variable.Name);
            if (variable.Default is null) required.Add(variable.Name);
        }

        return new VariableMigration(dropped, added, required);
    }

    /// <summary>Open splits and joins must exist, as the same types, in the new version: their counts of live branches
    /// are carried as they are.</summary>
    private static IEnumerable<string> ScopeProblems(ExecutableDefinition from, ExecutableDefinition to, FileState state)
    {
        foreach (var activation in state.Activations.Values)
        {
            var split = MigrationMapping.Find(to, activation.SplitActivityId);
            if (split is null || split.Node.Type != from[activation.SplitActivityId].Node.Type)
                yield return $"the file is inside the split '{activation.SplitActivityId}', which v{to.Definition.Version} does not have as a {from[activation.SplitActivityId].Node.Type}";
            else if (activation.JoinActivityId is { } join && MigrationMapping.Find(to, join) is not { Node.Type: "Join" })
                yield return $"the file is mid-join at '{join}', which v{to.Definition.Version} does not have as a Join";
        }
    }

    private static ExecutableNode? TargetOf(ExecutableDefinition from, ExecutableDefinition to, Token token,
        IReadOnlyDictionary<string, string?> mapping, out string? problem)
    {
        problem = null;
        var source = from[token.ActivityId];
        if (!token.IsWaiting)
            problem = $"a token at '{token.ActivityId}' is not waiting";
        else if (mapping.GetValueOrDefault(token.ActivityId) is not { } targetId)
            problem = $"no activity of v{to.Definition.Version} is mapped for the token waiting at '{token.ActivityId}'";
        else if (MigrationMapping.Find(to, targetId) is not { } target)
            problem = $"'{token.ActivityId}' is mapped to '{targetId}', which v{to.Definition.Version} does not have";
        else if (target.Node.Type != source.Node.Type)
            problem = $"'{token.ActivityId}' ({source.Node.Type}) is mapped to '{targetId}' ({target.Node.Type}): a waiting activity's state can only be carried to one of the same type";
        else if (token.Scope.FirstOrDefault(frame => !Encloses(to, frame.SplitActivityId, targetId)) is { } outside)
            problem = $"'{token.ActivityId}' is inside the split '{outside.SplitActivityId}', but '{targetId}' is not one of its branches in v{to.Definition.Version}";
        else
            return target;
        return null;
    }

    /// <summary>Whether <paramref name="activityId"/> lies on a branch of <paramref name="splitId"/> in the version:
    /// reachable from the split without passing its join.</summary>
    private static bool Encloses(ExecutableDefinition definition, string splitId, string activityId)
    {
        if (MigrationMapping.Find(definition, splitId) is null) return false;
        var seen = new HashSet<string>(StringComparer.Ordinal) { splitId };
        var next = new Queue<string>([splitId]);
        while (next.TryDequeue(out var id))
        {
            foreach (var target in definition[id].Next.Values)
            {
                if (target == activityId) return true;
                if (IsJoinOf(definition[target], splitId) || !seen.Add(target)) continue;
                next.Enqueue(target);
            }
        }

        return false;
    }

    private static bool IsJoinOf(ExecutableNode node, string splitId) =>
        node.Node.Type == "Join" && node.Node.Inputs.Any(i => i.Value is JsonValue v && v.TryGetValue<string>(out var s) && s == splitId);

    private TokenMigration CarryToken(MigrationContext context, ExecutableNode source, ExecutableNode target, Token token)
    {
        if (source.Id == target.Id && JsonNode.DeepEquals(source.Node.Inputs, target.Node.Inputs))
            return new TokenMigration(source.Id, target.Id, TokenDisposition.Kept, Tasks(token.Bookmarks), [], [], []);
        if (source.Id == target.Id && OnlyTimingChanged(source, target))
            return Recount(context, target, token);
        return Reissue(context, source, target, token);
    }

    private bool OnlyTimingChanged(ExecutableNode source, ExecutableNode target)
    {
        var timing = catalog.Find(target.Node.Type)?.Inputs.Where(i => i.Timing)
            .Select(i => i.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var names = source.Node.Inputs.Select(i => i.Key).Union(target.Node.Inputs.Select(i => i.Key), StringComparer.Ordinal);
        return names.All(n => timing.Contains(n) || JsonNode.DeepEquals(source.Node.Inputs[n], target.Node.Inputs[n]));
    }

    /// <summary>
    /// Same activity, new timing: the task stays (same id, same partner); each timer the new version's activity sets
    /// on entry is recounted from when the token began waiting, as if the new deadline had applied from the start.
    /// Timers the activity added later (escalations) are left alone.
    /// </summary>
    private static TokenMigration Recount(MigrationContext context, ExecutableNode target, Token token)
    {
        var since = token.Bookmarks.Min(b => b.CreatedAt);
        var sandbox = context.Sandbox(since);
        var requests = sandbox.On(target, token, a => a.Execute(sandbox)) as ActivityResult.WaitOn
            ?? throw new MigrationRefusedException($"activity '{target.Id}' does not wait when entered");
        var moves = new List<DeadlineMove>();
        var bookmarks = token.Bookmarks.ToList();
        token.Bookmarks.Clear();
        foreach (var bookmark in bookmarks)
        {
            var fresh = bookmark.DueAt is null ? null : requests.Bookmarks.FirstOrDefault(r => r.DueAt is not null && r.Purpose == bookmark.Purpose);
            if (fresh?.DueAt is not { } due || due == bookmark.DueAt)
            {
                token.Bookmarks.Add(bookmark);
                continue;
            }

            moves.Add(new DeadlineMove(bookmark.Purpose, bookmark.DueAt?.ToDateTimeUtc(), due.ToDateTimeUtc()));
            context.Timer(EffectKinds.CancelTimer, bookmark, target.Id, token.Id);
            var moved = Copy(bookmark, due, bookmark.Data);
            token.Bookmarks.Add(moved);
            context.Timer(EffectKinds.ScheduleTimer, moved, target.Id, token.Id);
        }

        var (dueAt, acknowledgeBy) = (Moved(moves, DeadlinePurpose), Moved(moves, AcknowledgementPurpose));
        // A reply whose data carries its due date (a partner's task) shows the moved deadline.
        if (dueAt is { } newDue)
            for (var i = 0; i < token.Bookmarks.Count; i++)
                if (token.Bookmarks[i] is { Kind: BookmarkKind.Reply, Data: { } data } reply && data.ContainsKey("dueAt"))
                {
                    var copy = data.DeepClone().AsObject();
                    copy["dueAt"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(newDue);
                    token.Bookmarks[i] = Copy(reply, reply.DueAt, copy);
                }

        // The task's row follows (the tasks table): its due date and acknowledgement deadline as recounted.
        if ((dueAt ?? acknowledgeBy) is not null && token.Bookmarks.FirstOrDefault(b => b is { Kind: BookmarkKind.Reply, Purpose: TaskPurpose }) is { } task)
            context.Record(target.Id, new TaskDeadlineMoved(task.Id, dueAt, acknowledgeBy));

        return new TokenMigration(target.Id, target.Id, moves.Count > 0 ? TokenDisposition.DeadlineMoved : TokenDisposition.Kept,
            Tasks(token.Bookmarks), [], [], moves);
    }

    // The purposes of a partner task's bookmarks (PartnerTask, in src/Activities): the task itself and its two deadlines.
    private const string TaskPurpose = "task";
    private const string DeadlinePurpose = "deadline";
    private const string AcknowledgementPurpose = "acknowledgement";

    private static Instant? Moved(IEnumerable<DeadlineMove> moves, string purpose) =>
        moves.FirstOrDefault(m => m.Purpose == purpose) is { After: { } after } ? Instant.FromDateTimeUtc(after) : null;

    /// <summary>The old activity is withdrawn (a partner's task withdrawn from the partner, its timers cancelled) and the
    /// new one entered afresh: a new task, deadlines counted from now.</summary>
    private static TokenMigration Reissue(MigrationContext context, ExecutableNode source, ExecutableNode target, Token token)
    {
        var waiting = token.Bookmarks.ToList();
        context.Journal(JournalKinds.ActivityWithdrawn, source.Id, token.Id, new JsonObject { ["reason"] = WithdrawalReason });
        context.On(source, token, a =>
        {
            a.Withdrawn(context, waiting, WithdrawalReason);
            return true;
        });
        foreach (var bookmark in waiting.Where(b => b.DueAt is not null)) context.Timer(EffectKinds.CancelTimer, bookmark, source.Id, token.Id);

        token.Bookmarks.Clear();
        token.ActivityId = target.Id;
        context.Journal(JournalKinds.ActivityEntered, target.Id, token.Id, null);
        var result = context.On(target, token, a => a.Execute(context)) as ActivityResult.WaitOn
            ?? throw new MigrationRefusedException($"activity '{target.Id}' does not wait when entered");
        var added = new JsonArray();
        foreach (var request in result.Bookmarks)
        {
            var bookmark = new Bookmark
            {
                Id = request.Id ?? context.NewId(), Kind = request.Kind, ActivityId = target.Id, Addressee = request.Addressee,
                Outcome = request.Outcome, DueAt = request.DueAt, EventName = request.EventName, CorrelationKey = request.CorrelationKey,
                Purpose = request.Purpose, Data = request.Data?.DeepClone().AsObject(), CreatedAt = context.Now,
            };
            token.Bookmarks.Add(bookmark);
            added.Add(new JsonObject
            {
                ["bookmarkId"] = bookmark.Id.ToString(), ["kind"] = bookmark.Kind.ToString().ToLowerInvariant(),
                ["purpose"] = bookmark.Purpose, ["dueAt"] = bookmark.DueAt?.ToString(),
            });
            if (bookmark.DueAt is not null) context.Timer(EffectKinds.ScheduleTimer, bookmark, target.Id, token.Id);
        }

        if (token.Bookmarks.Count == 0) throw new MigrationRefusedException($"activity '{target.Id}' asked to wait on nothing");
        context.Journal(JournalKinds.ActivityWaiting, target.Id, token.Id, new JsonObject { ["bookmarks"] = added });
        return new TokenMigration(source.Id, target.Id, TokenDisposition.Reissued, [], Tasks(waiting), Tasks(token.Bookmarks), []);
    }

    private static Bookmark Copy(Bookmark b, Instant? dueAt, JsonObject? data) => new()
    {
        Id = b.Id, Kind = b.Kind, ActivityId = b.ActivityId, Addressee = b.Addressee, Outcome = b.Outcome, DueAt = dueAt,
        EventName = b.EventName, CorrelationKey = b.CorrelationKey, Purpose = b.Purpose, Data = data, CreatedAt = b.CreatedAt,
    };

    private static List<MigratedTask> Tasks(IEnumerable<Bookmark> bookmarks) =>
        bookmarks.Where(b => b.Kind == BookmarkKind.Reply)
            .Select(b => new MigratedTask(b.Id.ToString(), b.Purpose, b.Addressee, DueOf(b)?.ToDateTimeUtc())).ToList();

    private static Instant? DueOf(Bookmark reply) =>
        reply.Data?["dueAt"] is JsonValue v && v.TryGetValue<string>(out var text)
            && NodaTime.Text.InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value : reply.DueAt;
}

/// <summary>One file's migration: the report, and when migrated the new state with its journal lines and effects.</summary>
public sealed record FileMigration(FileMigrationReport Report, FileState? State, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<Effect> Effects)
{
    public bool Migrated => State is not null;

    /// <summary>The facts about tasks and escalations the migration stated, applied with its state.</summary>
    public IReadOnlyList<ActivityRecord> Records { get; init; } = [];

    public static FileMigration Refused(string fileId, IReadOnlyList<string> reasons) =>
        new(FileMigrationReport.Refused(fileId, reasons), null, [], []);
}
