using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Activities;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Infrastructure;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>Runs one file of a pattern definition in memory and keeps everything it produced.</summary>
internal sealed class PatternRun
{
    public static readonly ActivityCatalog Catalog =
        ActivityCatalog.FromAssemblies(ActivityAssembly.Instance, typeof(PatternRun).Assembly);

    private readonly Interpreter _interpreter;
    private readonly ExecutableDefinition _definition;
    private int _stimuli;

    private PatternRun(ExecutableDefinition definition, Instant? at = null, DeploymentCalendar? calendar = null)
    {
        _definition = definition;
        if (at is { } start) Clock.Now = start;
        _interpreter = new Interpreter(Clock) { Calendar = calendar ?? DeploymentCalendar.Metropole };
    }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 7, 10, 8, 0));

    public FileState State { get; private set; } = null!;

    public List<JournalEntry> Journal { get; } = [];

    public List<Effect> Effects { get; } = [];

    public StepResult Last { get; private set; } = null!;

    public static WorkflowDefinition Load(string name) =>
        DefinitionJson.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Patterns", "Definitions", name + ".json")));

    public static PatternRun Start(string name, params (string Name, JsonNode? Value)[] variables) => Start(Load(name), variables);

    public static PatternRun Start(WorkflowDefinition definition, params (string Name, JsonNode? Value)[] variables) =>
        Start(ExecutableDefinition.Compile(definition, Catalog), "file-1",
            new StartFile("s0", "test", variables.ToDictionary(v => v.Name, v => v.Value)));

    /// <summary>Starts a file at <paramref name="at"/>, on a deployment's <paramref name="calendar"/>.</summary>
    public static PatternRun StartAt(Instant at, WorkflowDefinition definition, DeploymentCalendar? calendar = null,
        params (string Name, JsonNode? Value)[] variables)
    {
        var executable = ExecutableDefinition.Compile(definition, Catalog);
        var run = new PatternRun(executable, at, calendar);
        run.Record(run._interpreter.Start(executable, "file-1", new StartFile("s0", "test", variables.ToDictionary(v => v.Name, v => v.Value))));
        return run;
    }

    public static PatternRun Start(ExecutableDefinition definition, string fileId, StartFile stimulus)
    {
        var run = new PatternRun(definition);
        run.Record(run._interpreter.Start(definition, fileId, stimulus));
        return run;
    }

    public ExecutableDefinition Definition => _definition;

    public PatternRun Raise(string eventName, JsonObject? payload = null, string? correlationKey = null) =>
        Apply(new RaiseEvent(NextId(), "test", eventName, correlationKey ?? State.FileId, payload));

    public PatternRun Reply(string activityId, JsonObject? payload = null) =>
        Apply(new ResumeBookmark(NextId(), "partner", BookmarkOf(activityId, BookmarkKind.Reply).Id, payload));

    /// <summary>Moves the clock to the timer's due time and fires it, as the scheduler would.</summary>
    public PatternRun FireTimer(string activityId)
    {
        var bookmark = BookmarkOf(activityId, BookmarkKind.Timer);
        Clock.Now = bookmark.DueAt!.Value;
        return Apply(new ResumeBookmark(NextId(), "system:timer", bookmark.Id));
    }

    public PatternRun CancelActivity(string activityId) => Apply(new CancelActivity(NextId(), "coordinator", activityId, "no longer needed"));

    public PatternRun CancelFile() => Apply(new CancelFile(NextId(), "coordinator", "closed by the coordinator"));

    public PatternRun Apply(Stimulus stimulus)
    {
        Record(_interpreter.Apply(_definition, State, stimulus));
        return this;
    }

    /// <summary>The open tasks of an activity asking several partners, one reply bookmark each, by addressee.</summary>
    public IReadOnlyList<Bookmark> TasksOf(string activityId) =>
        State.Tokens.Where(t => t.ActivityId == activityId).SelectMany(t => t.Bookmarks)
            .Where(b => b.Kind == BookmarkKind.Reply && b.Addressee is not null).OrderBy(b => b.Addressee, StringComparer.Ordinal).ToList();

    public Bookmark TaskOf(string activityId, string addressee) => TasksOf(activityId).Single(b => b.Addressee == addressee);

    /// <summary>The addressee answers its own task, addressed by its task id, as a partner's answer is.</summary>
    public PatternRun AnswerTask(string activityId, string addressee, JsonObject answer) =>
        Apply(new ResumeBookmark(NextId(), addressee, TaskOf(activityId, addressee).Id, answer.DeepClone().AsObject()));

    /// <summary>Moves the clock to the activity's timer of <paramref name="purpose"/> and fires it.</summary>
    public PatternRun FireTimer(string activityId, string purpose)
    {
        var bookmark = State.Tokens.Where(t => t.ActivityId == activityId).SelectMany(t => t.Bookmarks).Single(b => b.Purpose == purpose);
        Clock.Now = bookmark.DueAt!.Value;
        return Apply(new ResumeBookmark(NextId(), "system:timer", bookmark.Id));
    }

    public Bookmark BookmarkOf(string activityId, BookmarkKind kind) =>
        State.Tokens.Where(t => t.ActivityId == activityId).SelectMany(t => t.Bookmarks).Single(b => b.Kind == kind);

    /// <summary>Activities completed, in order.</summary>
    public IReadOnlyList<string> Completed =>
        Journal.Where(e => e.Kind == JournalKinds.ActivityCompleted).Select(e => e.ActivityId!).ToList();

    /// <summary>Activities with a parked token, sorted.</summary>
    public IReadOnlyList<string> Waiting =>
        State.Tokens.Where(t => t.IsWaiting).Select(t => t.ActivityId).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Withdrawn =>
        Journal.Where(e => e.Kind == JournalKinds.ActivityWithdrawn).Select(e => e.ActivityId!).ToList();

    public FileStatus Status => State.Status;

    /// <summary>A new stimulus id for this file.</summary>
    public string NextId() => "s" + ++_stimuli;

    private void Record(StepResult result)
    {
        Last = result;
        State = result.State;
        Journal.AddRange(result.Journal);
        Effects.AddRange(result.Effects);
    }
}
