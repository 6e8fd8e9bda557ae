using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Infrastructure;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>A step that cannot complete leaves the file as it was, marked faulted, with the reason journaled.</summary>
public sealed class FaultTests
{
    private readonly Interpreter _interpreter = new(new FakeClock(Instant.FromUtc(2026, 7, 10, 8, 0)), unitsPerStimulus: 100);

    [Fact]
    public void An_activity_that_throws_faults_the_file_at_its_state_before_the_stimulus()
    {
        var definition = Compile(
            [Node("start", "Start"), Node("wait", "WaitForEvent", new JsonObject { ["event"] = "go" }), Node("boom", "Explode"), Node("end", "End")],
            [("start", "wait", "done"), ("wait", "boom", "done"), ("boom", "end", "done")]);
        var started = _interpreter.Start(definition, "file-1", new StartFile("s0", "test"));

        var result = _interpreter.Apply(definition, started.State, new RaiseEvent("s1", "test", "go", "file-1"));

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal("activity 'boom' failed (InvalidOperationException)", result.State.Fault);
        Assert.Equal(["wait"], result.State.Tokens.Select(t => t.ActivityId));
        Assert.Empty(result.Effects);
        Assert.Equal([JournalKinds.StimulusReceived, JournalKinds.FileFaulted], result.Journal.Select(e => e.Kind));
        Assert.DoesNotContain("secret", result.State.Fault);
        Assert.Equal(FileStatus.Running, started.State.Status);
    }

    [Fact]
    public void An_activity_that_throws_when_resumed_faults_the_file_like_one_that_throws_when_entered()
    {
        var definition = Compile(
            [Node("start", "Start"), Node("boom", "ExplodeOnResume"), Node("end", "End")],
            [("start", "boom", "done"), ("boom", "end", "done")]);
        var started = _interpreter.Start(definition, "file-1", new StartFile("s0", "test"));

        var result = _interpreter.Apply(definition, started.State, new RaiseEvent("s1", "test", "go", "file-1"));

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal("activity 'boom' failed (InvalidOperationException)", result.State.Fault);
        Assert.Equal(["boom"], result.State.Tokens.Select(t => t.ActivityId));
        Assert.Empty(result.Effects);
        Assert.Equal([JournalKinds.StimulusReceived, JournalKinds.FileFaulted], result.Journal.Select(e => e.Kind));
    }

    [Fact]
    public void A_loop_that_never_waits_faults_the_file_instead_of_spinning_forever()
    {
        var definition = Compile(
            [Node("start", "Start"), Node("again", "Decision", new JsonObject { ["condition"] = true }), Node("end", "End")],
            [("start", "again", "done"), ("again", "again", "true"), ("again", "end", "false")]);

        var result = _interpreter.Start(definition, "file-1", new StartFile("s0", "test"));

        Assert.Equal(FileStatus.Faulted, result.State.Status);
        Assert.Equal("more than 100 work units in one stimulus (an endless loop, or a loop over too large a condition?)", result.State.Fault);
        Assert.Empty(result.State.Tokens);
    }

    [Fact]
    public void Numbers_written_in_code_as_integers_are_read_like_numbers_from_json()
    {
        var definition = Compile(
            [Node("start", "Start"), Node("set", "SetVariable", new JsonObject { ["variable"] = "count", ["value"] = 3 }), Node("end", "End")],
            [("start", "set", "done"), ("set", "end", "done")],
            [new VariableDefinition { Name = "count", Type = VariableType.Number }]);

        var result = _interpreter.Start(definition, "file-1", new StartFile("s0", "test"));

        Assert.Equal(3d, result.State.Variables["count"]!.GetValue<double>());
    }

    private static ActivityNode Node(string id, string type, JsonObject? inputs = null) =>
        new() { Id = id, Type = type, Inputs = inputs ?? new JsonObject() };

    private static ExecutableDefinition Compile(ActivityNode[] activities, (string From, string To, string Outcome)[] connections,
        VariableDefinition[]? variables = null) =>
        ExecutableDefinition.Compile(new WorkflowDefinition
        {
            Id = "faults", Version = 1, Name = "Pannes", Activities = activities, Variables = variables ?? [],
            Connections = connections.Select(c => new Connection { Source = c.From, Outcome = c.Outcome, Target = c.To }).ToList(),
        }, PatternRun.Catalog);
}

/// <summary>Fails with a message quoting file data, which must never reach the journal.</summary>
[Activity("Explode", DisplayName = "Panne", Category = "Tests")]
[Outcome(Outcomes.Done, "Suite")]
public sealed class Explode : Activity
{
    public override ActivityResult Execute(ActivityContext context) =>
        throw new InvalidOperationException("secret: Jeanne Dupont, née le 01/02/2011");
}

/// <summary>Waits for the event <c>go</c>, then fails with a message quoting file data.</summary>
[Activity("ExplodeOnResume", DisplayName = "Panne au réveil", Category = "Tests", Blocking = true)]
[Outcome(Outcomes.Done, "Suite")]
public sealed class ExplodeOnResume : Activity
{
    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Wait(BookmarkRequest.ForEvent("go", context.FileId, Outcomes.Done));

    public override ActivityResult Resume(ActivityContext context, Resumption resumption) =>
        throw new InvalidOperationException("secret: Jeanne Dupont, née le 01/02/2011");
}
