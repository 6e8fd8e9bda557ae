using Pathway.Activities.Tasks;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Tests.Schema;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Pathway;

/// <summary>What the committed definitions promise, checked on the files themselves.</summary>
public sealed class PathwayDefinitionTests
{
    /// <summary>
    /// The legal deadlines of the domain brief, as task deadlines: activity → (duration, legal basis). The one row
    /// left out is the interview before majority (CASF L222-5-1): it counts back from the 18th birthday, and a task's
    /// deadline counts forward from the task; the PPE task's instructions carry it instead.
    /// </summary>
    private static readonly Dictionary<string, (string Duration, string Basis)> LegalDeadlines = new()
    {
        ["evaluation-crip"] = ("P3M", "CASF D226-2-4"),
        ["retour-emetteur"] = ("P3M", "CASF L226-5"),
        ["saisine-juge-apres-opp"] = ("P8D", "C. civ. 375-5"),
        ["audience-placement"] = ("P15D", "CPC 1184"),
        ["decision-fond"] = ("P6M", "CPC 1185"),
        ["convocation-parties"] = ("P7D", "CPC 1188"),
        ["notification-decision"] = ("P8D", "CPC 1190"),
        ["appel-parquet"] = ("P15D", "CPC 1191"),
        ["echeance-mesure"] = ("P2Y", "C. civ. 375"),
        ["echeance-aemo-renforcee"] = ("P1Y", "C. civ. 375-2"),
        ["rapport-annuel"] = ("P1Y", "C. civ. 375, CASF L223-5"),
        ["ppe"] = ("P3M", "CASF L223-1-1"),
    };

    public static TheoryData<int> Versions => new(PathwayDefinitions.Versions);

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_definition_is_valid_against_the_partner_registry_and_its_path(int version)
    {
        var (definition, errors) = PathwayDefinitions.Validator.ValidateJson(PathwayDefinitions.Read(version));

        Assert.Empty(errors);
        Assert.Empty(DefinitionFileRules.Check(PathwayDefinitions.PathOf(version), definition!));
        Assert.Equal((PathwayDefinitions.Id, version), (definition!.Id, definition.Version));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_legal_deadline_is_a_calendar_deadline_with_its_legal_basis(int version)
    {
        var legal = PathwayDefinitions.Tasks(version).Where(t => t.Task.Deadline?.LegalBasis is not null)
            .ToDictionary(t => t.Node.Id, t => (t.Task.Deadline!.Duration.ToString(), t.Task.Deadline.LegalBasis!));

        Assert.Equal(LegalDeadlines.OrderBy(p => p.Key), legal.OrderBy(p => p.Key));
        Assert.All(PathwayDefinitions.Tasks(version).Where(t => t.Task.Deadline?.LegalBasis is not null),
            t => Assert.Equal(DayCounting.Calendar, t.Task.Deadline!.Counting));
        Assert.Contains("CASF L222-5-1", PathwayDefinitions.Tasks(version).Single(t => t.Node.Id == "ppe").Task.Instructions);
    }

    [Fact]
    public void Both_versions_name_the_same_legal_bases()
    {
        var expected = new[]
        {
            "C. civ. 375", "C. civ. 375, CASF L223-5", "C. civ. 375-2", "C. civ. 375-5", "CASF D226-2-4", "CASF L223-1-1",
            "CASF L226-5", "CPC 1184", "CPC 1185", "CPC 1188", "CPC 1190", "CPC 1191",
        };
        foreach (var version in PathwayDefinitions.Versions)
        {
            var bases = PathwayDefinitions.Tasks(version).Select(t => t.Task.Deadline?.LegalBasis).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(expected, bases);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_task_has_a_deadline_or_an_acknowledgement_deadline_and_an_escalation_that_rises_to_level_2(int version)
    {
        Assert.All(PathwayDefinitions.Tasks(version), t =>
        {
            Assert.True(t.Task.Deadline is not null || t.Task.AcknowledgeWithin is not null, $"{t.Node.Id} can stall unseen");
            Assert.True(t.Task.EscalateAfter is not null, $"{t.Node.Id} never rises to the ASE inspection");
            Assert.Null(t.Task.AcknowledgeWithin?.LegalBasis);
        });
        Assert.All(PathwayDefinitions.Nodes(version).Where(n => n.Activity is Escalate), n => Assert.NotNull(((Escalate)n.Activity).EscalateAfter));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_coordinator_is_informed_in_every_stage_and_never_receives_the_minors_identity(int version)
    {
        var definition = PathwayDefinitions.Load(version);
        var informed = PathwayDefinitions.Notifications(version).Where(n => n.Notify.Partner == PathwayDefinitions.Coordination)
            .Select(n => n.Node.Node.Stage).Distinct();

        Assert.Equal(definition.Stages.Select(s => s.Id).Order(StringComparer.Ordinal), informed.Order(StringComparer.Ordinal));
        var toCoordination = PathwayDefinitions.Notifications(version).Where(n => n.Notify.Partner == PathwayDefinitions.Coordination)
            .Select(n => (n.Node.Id, Fields: n.Notify.Fields))
            .Concat(PathwayDefinitions.Tasks(version).Where(t => t.Task.Partner == PathwayDefinitions.Coordination).Select(t => (t.Node.Id, Fields: t.Task.Fields)));
        Assert.All(toCoordination, m => Assert.DoesNotContain(m.Fields ?? [], PathwayDefinitions.Identity.Contains));
    }

    [Fact]
    public void Version_2_adds_the_departmental_plans_partners_and_the_runaway_stage()
    {
        var v1 = PathwayDefinitions.Load(1);
        var v2 = PathwayDefinitions.Load(2);
        var partnersOf = (int version) => PathwayDefinitions.Tasks(version).Select(t => t.Task.Partner)
            .Concat(PathwayDefinitions.Notifications(version).Select(n => n.Notify.Partner)).ToHashSet();

        Assert.Equal(
            ["accueil-specialise-93", "accueil-specialise-hors-93", "asteriia", "avvej", "consultation-psychotrauma", "croix-rouge", "jean-cotxet", "sauvegarde-93"],
            partnersOf(2).Except(partnersOf(1)).Order(StringComparer.Ordinal));
        Assert.Empty(partnersOf(1).Except(partnersOf(2)));
        Assert.Equal(["fugue"], v2.Stages.Select(s => s.Id).Except(v1.Stages.Select(s => s.Id)));
        Assert.Equal(["dateFugue", "dateMajorite"], v2.Variables.Select(v => v.Name).Except(v1.Variables.Select(v => v.Name)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_return_interview_after_a_runaway_has_a_72_hour_practice_deadline()
    {
        var interview = PathwayDefinitions.Tasks(2).Single(t => t.Node.Id == "entretien-retour").Task;

        Assert.Equal(NodaTime.Period.FromHours(72), interview.Deadline!.Duration);
        Assert.Null(interview.Deadline.LegalBasis);
        Assert.Equal("ase-93", interview.Partner);
    }

    [Fact]
    public void A_runaway_is_watched_for_only_while_the_measures_run()
    {
        var definition = PathwayDefinitions.Load(2);
        var end = definition.Activities.Single(a => a.Id == "fin-mesures");

        Assert.Equal("Join", end.Type);
        Assert.Equal("veille-fugues", end.Inputs["fork"]!.GetValue<string>());
        Assert.Equal("first", end.Inputs["mode"]!.GetValue<string>());
        Assert.True(end.Inputs["cancelRemaining"]!.GetValue<bool>());
        Assert.Equal("fugue-declaree", definition.Activities.Single(a => a.Id == "fugue-declaree").Inputs["event"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_pathway_doc_lists_every_task_with_its_partner_and_outcomes(int version)
    {
        var lines = Repository.Read("docs/pathway.md").Split('\n');

        Assert.All(PathwayDefinitions.Tasks(version), t =>
        {
            var row = Assert.Single(lines, l => l.Contains($"| `{t.Node.Id}` | {t.Task.Partner} |", StringComparison.Ordinal));
            Assert.All(t.Task.Outcomes, o => Assert.Contains($"`{o}`", row, StringComparison.Ordinal));
        });
    }
}
