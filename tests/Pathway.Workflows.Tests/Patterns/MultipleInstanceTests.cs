using System.Text.Json.Nodes;
using Pathway.Activities.Contracts;
using Pathway.Activities.Tasks;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Patterns;

/// <summary>WCP-14 and WCP-15: multiple instances with a count known only at run time, and a list that grows while
/// they run (<c>ForEachPartner</c>). The file opens on Friday 10 July 2026 at 10:00 in Paris; a réunion flash convenes
/// every service of the list within two days.</summary>
public sealed class MultipleInstanceTests
{
    private static readonly JsonObject Present = new() { ["answer"] = "completed", ["outcome"] = "present" };

    private static PatternRun Convene(params string[] services) => Convene(PatternRun.Load("wcp14-multiple-instances"), services);

    private static PatternRun Convene(WorkflowDefinition definition, params string[] services) =>
        PatternRun.Start(definition, ("services", new JsonArray(services.Select(s => (JsonNode?)s).ToArray())), ("motif", "fugue"));

    /// <summary>The quorum or the list of the pattern's definition, changed.</summary>
    private static WorkflowDefinition With(string input, JsonNode? value)
    {
        var document = JsonNode.Parse(DefinitionJson.Serialize(PatternRun.Load("wcp14-multiple-instances")))!;
        document["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "convene")!["inputs"]![input] = value;
        return DefinitionJson.Deserialize(document.ToJsonString());
    }

    [Fact]
    public void Wcp14_asks_each_partner_of_a_list_known_only_at_run_time_with_a_task_of_its_own()
    {
        var run = Convene("crip-93", "pjj-93", "ase-93");

        var sent = run.Effects.Where(e => e.Kind == MessageTypes.TaskAssigned).ToList();
        Assert.Equal(["crip-93", "pjj-93", "ase-93"], sent.Select(e => e.Destination));
        Assert.Equal(3, sent.Select(e => e.Payload["taskId"]!.GetValue<string>()).Distinct().Count());
        Assert.All(sent, e => Assert.Equal("fugue", e.Payload["data"]!["motif"]!.GetValue<string>()));
        Assert.Equal(["ase-93", "crip-93", "pjj-93"], run.TasksOf("convene").Select(t => t.Addressee));
        Assert.Equal(["open", "open", "open"], Statuses(run));
    }

    [Fact]
    public void Wcp14_waits_for_every_answer_then_goes_on_with_the_answers_collected()
    {
        var run = Convene("crip-93", "pjj-93", "ase-93");

        run.AnswerTask("convene", "crip-93", new JsonObject
        {
            ["answer"] = "completed", ["outcome"] = "present", ["data"] = new JsonObject { ["representant"] = "cheffe de service", ["autre"] = "x" },
        });
        run.AnswerTask("convene", "pjj-93", new JsonObject { ["answer"] = "declined", ["reason"] = "pas d'éducateur disponible" });
        Assert.Equal(["convene"], run.Waiting);

        run.AnswerTask("convene", "ase-93", new JsonObject { ["answer"] = "completed", ["outcome"] = "absent" });

        Assert.Contains("meeting", run.Completed);
        Assert.Equal(FileStatus.Completed, run.Status);
        var answers = run.State.Variables["reponses"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["crip-93", "pjj-93", "ase-93"], answers.Select(a => a["partner"]!.GetValue<string>()));
        Assert.Equal(["completed", "declined", "completed"], answers.Select(a => a["status"]!.GetValue<string>()));
        Assert.Equal("present", answers[0]["outcome"]!.GetValue<string>());
        // Only the fields the definition collects are kept.
        Assert.Equal("""{"representant":"cheffe de service"}""", answers[0]["data"]!.ToJsonString());
        Assert.Equal("absent", answers[2]["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void Wcp14_with_a_quorum_goes_on_after_the_first_answers_and_withdraws_the_other_tasks()
    {
        var run = Convene(With("quorum", 2), "crip-93", "pjj-93", "ase-93");
        var ase = run.TaskOf("convene", "ase-93");

        run.AnswerTask("convene", "pjj-93", Present);
        Assert.Equal(["convene"], run.Waiting);
        run.AnswerTask("convene", "crip-93", Present);

        Assert.Contains("meeting", run.Completed);
        var withdrawn = Assert.Single(run.Last.Effects, e => e.Kind == MessageTypes.TaskWithdrawn);
        Assert.Equal("ase-93", withdrawn.Destination);
        Assert.Equal(ase.Id.ToString(), withdrawn.Payload["taskId"]!.GetValue<string>());
        Assert.Equal(ase.Id, Assert.IsType<TaskWithdrawn>(Assert.Single(run.Last.Records, r => r is TaskWithdrawn)).TaskId);
        Assert.Equal(["completed", "completed", "withdrawn"], Statuses(run));
    }

    [Fact]
    public void Wcp14_at_the_deadline_goes_on_without_the_missing_answers()
    {
        var run = Convene("crip-93", "pjj-93", "ase-93");
        run.AnswerTask("convene", "crip-93", Present);

        run.FireTimer("convene", PartnerTask.ReminderPurpose);
        Assert.Equal(["ase-93", "pjj-93"], run.Last.Effects.Where(e => e.Kind == MessageTypes.TaskReminder).Select(e => e.Destination).Order());
        Assert.Equal(["convene"], run.Waiting);

        run.FireTimer("convene", PartnerTask.DeadlinePurpose);

        Assert.Contains("without-all", run.Completed);
        Assert.Equal(["ase-93", "pjj-93"], run.Last.Effects.Where(e => e.Kind == MessageTypes.TaskWithdrawn).Select(e => e.Destination).Order());
        Assert.Equal(2, run.Last.Records.OfType<TaskWithdrawn>().Count());
        Assert.Equal(["completed", "withdrawn", "withdrawn"], Statuses(run));
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp14_an_empty_list_goes_on_at_once()
    {
        var run = Convene();

        Assert.Equal(["start", "convene", "meeting"], run.Completed);
        Assert.Empty(run.State.Variables["reponses"]!.AsArray());
        Assert.DoesNotContain(run.Effects, e => e.Kind == MessageTypes.TaskAssigned);
    }

    [Fact]
    public void Wcp14_the_list_may_be_any_expression_giving_a_list()
    {
        var run = Convene(With("partners", JsonNode.Parse("""{ "if": [ { "==": [ { "var": "motif" }, "fugue" ] }, [ "crip-93", "asteriia" ], [ "crip-93" ] ] }""")));

        Assert.Equal(["asteriia", "crip-93"], run.TasksOf("convene").Select(t => t.Addressee));
    }

    [Fact]
    public void Wcp15_a_partner_added_while_the_others_are_asked_gets_its_own_task_and_is_waited_for()
    {
        var run = Convene("crip-93", "pjj-93");
        var due = run.TaskOf("convene", "crip-93").Data!["dueAt"]!.GetValue<string>();
        run.AnswerTask("convene", "crip-93", Present);

        // pjj-93 is asked already: only asteriia is new.
        run.Raise("service-ajoute", new JsonObject { ["partners"] = new JsonArray("pjj-93", "asteriia") });

        var sent = Assert.Single(run.Last.Effects, e => e.Kind == MessageTypes.TaskAssigned);
        Assert.Equal("asteriia", sent.Destination);
        Assert.Equal(due, sent.Payload["dueAt"]!.GetValue<string>());
        Assert.Equal(["asteriia", "pjj-93"], run.TasksOf("convene").Select(t => t.Addressee));
        Assert.Equal(["completed", "open", "open"], Statuses(run));

        run.AnswerTask("convene", "pjj-93", Present);
        Assert.Equal(["convene"], run.Waiting);
        run.AnswerTask("convene", "asteriia", Present);

        Assert.Contains("meeting", run.Completed);
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    [Fact]
    public void Wcp15_a_quorum_counts_the_partners_added_too()
    {
        var run = Convene(With("quorum", 2), "crip-93");
        run.Raise("service-ajoute", new JsonObject { ["partners"] = new JsonArray("pjj-93", "asteriia") });

        run.AnswerTask("convene", "asteriia", Present).AnswerTask("convene", "crip-93", Present);

        Assert.Contains("meeting", run.Completed);
        Assert.Equal(["completed", "withdrawn", "completed"], Statuses(run));
    }

    [Fact]
    public void Wcp15_an_addition_once_the_activity_went_on_is_ignored()
    {
        var run = Convene("crip-93").AnswerTask("convene", "crip-93", Present);

        run.Raise("service-ajoute", new JsonObject { ["partners"] = new JsonArray("pjj-93") });

        Assert.True(run.Last.Ignored);
        Assert.DoesNotContain(run.Last.Effects, e => e.Kind == MessageTypes.TaskAssigned);
    }

    [Fact]
    public void Cancelling_the_activity_withdraws_every_task_still_open()
    {
        var run = Convene("crip-93", "pjj-93").AnswerTask("convene", "crip-93", Present);

        run.CancelActivity("convene");

        Assert.Equal(["pjj-93"], run.Last.Effects.Where(e => e.Kind == MessageTypes.TaskWithdrawn).Select(e => e.Destination));
        Assert.Equal(FileStatus.Completed, run.Status);
    }

    private static IReadOnlyList<string> Statuses(PatternRun run) =>
        run.State.Variables["reponses"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()).ToList();
}
