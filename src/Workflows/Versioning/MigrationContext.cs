using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Versioning;

/// <summary>
/// What an activity sees while a migration withdraws it from the old version or enters it on the new one: the
/// file's variables as the new version declares them, the migration's time and actor. Effects and journal lines
/// are collected for the file's one transaction, exactly as a stimulus's are.
/// </summary>
internal sealed class MigrationContext(FileState state, ExecutableDefinition to, string stimulusId, string actor, Instant now,
    DeploymentCalendar calendar) : ActivityContext
{
    private ExecutableNode? _node;
    private Token? _token;

    public List<JournalEntry> JournalLines { get; } = [];

    public List<Effect> Effects { get; } = [];

    /// <summary>The facts about tasks and escalations stated while migrating (a task withdrawn, one assigned anew).</summary>
    public List<ActivityRecord> Records { get; } = [];

    /// <summary>Runs <paramref name="call"/> as the activity of <paramref name="node"/> for <paramref name="token"/>.</summary>
    public T On<T>(ExecutableNode node, Token token, Func<Activity, T> call)
    {
        (_node, _token) = (node, token);
        try
        {
            return call(node.Activity);
        }
        catch (Exception exception) when (exception is not MigrationRefusedException)
        {
            // As the interpreter does: the message may quote file data, so only the type is kept. The file stays.
            throw new MigrationRefusedException($"activity '{node.Id}' failed ({exception.GetType().Name})");
        }
        finally
        {
            (_node, _token) = (null, null);
        }
    }

    public void Journal(string kind, string? activityId, string? tokenId, JsonObject? data) =>
        JournalLines.Add(new JournalEntry
        {
            At = now, Actor = actor, Kind = kind, StimulusId = stimulusId, ActivityId = activityId, TokenId = tokenId, Data = data,
        });

    /// <summary>
    /// A context at another time over a copy of the variables, whose effects (a second task.assigned) are thrown away:
    /// it asks an activity which timers it would set, without touching the file.
    /// </summary>
    public MigrationContext Sandbox(Instant at) => new(new FileState
    {
        FileId = state.FileId, DefinitionId = state.DefinitionId, Version = state.Version,
        Variables = state.Clone().Variables,
    }, to, stimulusId, actor, at, calendar);

    public override string FileId => state.FileId;

    public override ActivityNode Node => (_node ?? throw new InvalidOperationException("No activity is running.")).Node;

    public override Instant Now => now;

    public override DeploymentCalendar Calendar => calendar;

    public override string Actor => actor;

    public override JsonNode? GetVariable(string name) =>
        state.Variables.TryGetValue(name, out var value) ? value : throw new MigrationRefusedException($"variable '{name}' is not declared");

    public override void SetVariable(string name, JsonNode? value)
    {
        if (!to.Variables.TryGetValue(name, out var variable) || VariableValues.Problem(variable, value) is not null)
            throw new MigrationRefusedException($"activity '{_node?.Id}' sets variable '{name}', which does not take that value");
        state.Variables[name] = value;
        Journal(JournalKinds.VariableChanged, _node?.Id, _token?.Id, new JsonObject { ["variable"] = name, ["value"] = value?.DeepClone() });
    }

    public override void SetVariableFromStimulus(string name, string field, JsonNode? value) => SetVariable(name, value);

    public override JsonNode? Evaluate(JsonNode? expression) =>
        Conditions.JsonLogic.Evaluate(expression, name => state.Variables.GetValueOrDefault(name), budget: null, now.InZone(Zone).Date, calendar);

    public override bool IsTrue(JsonNode? condition) => Conditions.JsonLogic.IsTruthy(Evaluate(condition));

    public override Guid NewId() => Guid.CreateVersion7(now.ToDateTimeOffset());

    public override void Record(ActivityRecord record) =>
        Records.Add(record with { ActivityId = _node?.Id ?? "", At = now, Actor = actor });

    public override void Emit(Effect effect)
    {
        Effects.Add(effect);
        Journal(JournalKinds.EffectEmitted, _node?.Id, _token?.Id, new JsonObject
        {
            ["messageId"] = effect.MessageId.ToString(), ["kind"] = effect.Kind, ["destination"] = effect.Destination,
        });
    }

    /// <summary>A timer the engine itself sets or cancels, as the interpreter does for a bookmark with a due time.</summary>
    public void Timer(string kind, Bookmark bookmark, string activityId, string tokenId)
    {
        var effect = new Effect
        {
            MessageId = NewId(), Kind = kind, DueAt = bookmark.DueAt,
            Payload = new JsonObject { ["fileId"] = state.FileId, ["bookmarkId"] = bookmark.Id.ToString() },
        };
        Effects.Add(effect);
        Journal(JournalKinds.EffectEmitted, activityId, tokenId, new JsonObject
        {
            ["messageId"] = effect.MessageId.ToString(), ["kind"] = effect.Kind, ["destination"] = null,
        });
    }
}

/// <summary>Why a file cannot be migrated: it stays on its version and the report quotes this.</summary>
public sealed class MigrationRefusedException(string reason) : Exception(reason);
