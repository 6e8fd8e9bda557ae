using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Activities.Tasks;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Infrastructure;
using Pathway.Workflows.Tests.Patterns;

namespace Pathway.Workflows.Tests.Pathway;

/// <summary>
/// One minor's file on the committed pathway, run in memory: partners answer their tasks as they would on their
/// queue (<c>ResumeBookmark</c> on the task's bookmark, the partner as actor), events arrive correlated by the
/// file id, and everything the file sent is kept for inspection.
/// </summary>
internal sealed class PathwayFile
{
    public const string FileId = "dossier-2026-0042";

    private readonly PatternRun _run;
    private readonly Dictionary<Guid, string> _senders = [];

    private PathwayFile(PatternRun run)
    {
        _run = run;
        RememberSenders(run.Last);
    }

    /// <summary>Friday 10 July 2026, 10:00 in Paris: the day the protocol turned six.</summary>
    public FakeClock Clock => _run.Clock;

    public FileState State => _run.State;

    public StepResult Last => _run.Last;

    public List<JournalEntry> Journal => _run.Journal;

    public List<Effect> Effects => _run.Effects;

    public FileStatus Status => _run.Status;

    public static PathwayFile Start(int version, params (string Name, JsonNode? Value)[] variables) =>
        new(PatternRun.Start(PathwayDefinitions.Executable(version), FileId,
            new StartFile("start", "crip-93", variables.ToDictionary(v => v.Name, v => v.Value))));

    /// <summary>The start variables of a file opened on an information préoccupante (or a signalement).</summary>
    public static (string, JsonNode?)[] Minor(string origine, params (string, JsonNode?)[] more) =>
    [
        ("origine", origine), ("emetteur", "Collège Jean-Jaurès, infirmière scolaire"),
        ("prenom", "Inès"), ("nom", "Exemple"), ("dateNaissance", "2011-03-14"), .. more,
    ];

    // ---- partners answering -----------------------------------------------------------------------------

    /// <summary>The partner completes the open task of <paramref name="activityId"/> with an outcome.</summary>
    public PathwayFile Complete(string activityId, string outcome, JsonObject? data = null) =>
        Answer(activityId, new JsonObject { ["answer"] = Answers.Completed, ["outcome"] = outcome, ["data"] = data ?? [] });

    public PathwayFile Accept(string activityId) => Answer(activityId, new JsonObject { ["answer"] = Answers.Accepted });

    public PathwayFile Decline(string activityId, string reason) =>
        Answer(activityId, new JsonObject { ["answer"] = Answers.Declined, ["reason"] = reason });

    private PathwayFile Answer(string activityId, JsonObject payload)
    {
        var task = TaskOf(activityId);
        return Apply(new ResumeBookmark(NextId(), task.Addressee!, task.Id, payload));
    }

    /// <summary>The coordinator (level 1) or the inspector (level 2) resolves the escalation open on the activity.</summary>
    public PathwayFile ResolveEscalation(string activityId, int level = 1)
    {
        var escalation = Bookmarks(activityId).Single(b => b.Purpose == "escalation" && b.Data?["level"]?.GetValue<int>() == level);
        return Apply(new ResumeBookmark(NextId(), escalation.Addressee!, escalation.Id,
            new JsonObject { ["answer"] = Answers.Completed, ["outcome"] = "resolved" }));
    }

    /// <summary>A partner sends an event about this file; the host correlates it by the file id.</summary>
    public PathwayFile Raise(string eventName, JsonObject? data = null) =>
        Apply(new RaiseEvent(NextId(), "ase-93", eventName, FileId, data));

    /// <summary>Moves the clock to the due time of the activity's timer of <paramref name="purpose"/> and fires it.</summary>
    public PathwayFile FireTimer(string activityId, string purpose)
    {
        var timer = Bookmarks(activityId).Single(b => b.DueAt is not null && b.Purpose == purpose);
        Clock.Now = timer.DueAt!.Value;
        return Apply(new ResumeBookmark(NextId(), "system:timer", timer.Id));
    }

    public PathwayFile Apply(Stimulus stimulus)
    {
        _run.Apply(stimulus);
        Assert.False(Status == FileStatus.Faulted, $"The file faulted: {State.Fault}");
        RememberSenders(Last);
        return this;
    }

    // ---- what the file looks like -----------------------------------------------------------------------

    /// <summary>The task bookmark of an activity: the id the partner answers.</summary>
    public Bookmark TaskOf(string activityId) => Bookmarks(activityId).Single(b => b.Purpose == PartnerTask.TaskPurpose);

    public IEnumerable<Bookmark> Bookmarks(string activityId) =>
        State.Tokens.Where(t => t.ActivityId == activityId).SelectMany(t => t.Bookmarks);

    /// <summary>Open partner tasks as "activity@partner", sorted.</summary>
    public IReadOnlyList<string> OpenTasks =>
        State.Tokens.SelectMany(t => t.Bookmarks).Where(b => b.Purpose == PartnerTask.TaskPurpose)
            .Select(b => $"{b.ActivityId}@{b.Addressee}").Order(StringComparer.Ordinal).ToList();

    /// <summary>Activities with a parked token, sorted.</summary>
    public IReadOnlyList<string> Waiting => _run.Waiting;

    /// <summary>The stages the file entered, in the order it first entered them.</summary>
    public IReadOnlyList<string> StagesVisited =>
        Journal.Where(e => e.Kind == JournalKinds.ActivityEntered)
            .Select(e => _run.Definition[e.ActivityId!].Node.Stage).OfType<string>().Distinct().ToList();

    public IReadOnlyList<string> Withdrawn => _run.Withdrawn;

    public string? Text(string variable) => State.Variables[variable]?.GetValue<string>();

    /// <summary>Messages to partners (tasks, reminders, information, escalations), with the activity that sent each.</summary>
    public IEnumerable<SentMessage> Messages =>
        Effects.Where(e => e.Destination is not null).Select(e => new SentMessage(e, _run.Definition[_senders[e.MessageId]]));

    public IEnumerable<SentMessage> MessagesOfKind(string kind) => Messages.Where(m => m.Effect.Kind == kind);

    /// <summary>The last task.assigned of an activity.</summary>
    public JsonObject Assigned(string activityId) =>
        MessagesOfKind(MessageTypes.TaskAssigned).Last(m => m.Node.Id == activityId).Effect.Payload;

    private string NextId() => _run.NextId();

    private void RememberSenders(StepResult result)
    {
        foreach (var emitted in result.Journal.Where(e => e.Kind == JournalKinds.EffectEmitted))
            _senders[Guid.Parse(emitted.Data!["messageId"]!.GetValue<string>())] = emitted.ActivityId!;
    }
}

/// <summary>A message the file sent, and the activity that sent it.</summary>
internal sealed record SentMessage(Effect Effect, ExecutableNode Node)
{
    public string Destination => Effect.Destination!;

    public JsonObject? Data => Effect.Payload["data"] as JsonObject;
}
