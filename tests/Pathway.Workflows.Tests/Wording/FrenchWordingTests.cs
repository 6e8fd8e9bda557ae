using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pathway.Activities.Contracts;
using Pathway.Activities.Wording;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Tests.Schema;
using Pathway.Workflows.Tests.Tasks;

namespace Pathway.Workflows.Tests.Wording;

/// <summary>
/// The catalogue says each code in French, and what the engine stores is the code: escalation reasons are phrases in
/// the bookmarks' data, said in words only in the messages that leave and when people read them.
/// </summary>
public sealed partial class FrenchWordingTests
{
    [Fact]
    public void An_escalation_reason_is_said_by_its_cause_with_the_task_title_its_legal_basis_and_its_level()
    {
        Assert.Equal("Pas d'accusé de réception de la demande « Évaluer la situation »",
            French.Render(EscalationReason.Of(EscalationCauses.NoAcknowledgement, title: "Évaluer la situation")));
        Assert.Equal("Délai dépassé pour la demande « Saisir le juge des enfants à la suite de l'OPP » (C. civ. 375-5)",
            French.Render(EscalationReason.Of(EscalationCauses.DeadlineMissed, title: "Saisir le juge des enfants à la suite de l'OPP", legalBasis: "C. civ. 375-5")));
        Assert.Equal("Délai dépassé pour la demande « Évaluer la situation »",
            French.Render(EscalationReason.Of(EscalationCauses.DeadlineMissed, title: "Évaluer la situation")));
        Assert.Equal("Refus du partenaire — non traitée par la coordination",
            French.Render(EscalationReason.Of(EscalationCauses.Definition, motif: "Refus du partenaire").AtLevel(2)));
    }

    [Fact]
    public void The_reasons_partners_read_are_the_documented_ones()
    {
        // docs/partners.md, escalation.closed and task.withdrawn.
        Assert.Equal(
            ["Le partenaire a répondu.", "Le partenaire a décliné la demande.", "Escalade résolue.", "Délai prolongé.",
                "Demande confiée à un autre partenaire.", "La demande n'est plus d'actualité.", "L'alerte n'est plus d'actualité.",
                "Remplacée par l'alerte de délai dépassé."],
            new[]
            {
                ClosedReason.Answered, ClosedReason.Declined, ClosedReason.Resolved, ClosedReason.Extended, ClosedReason.Reassigned,
                ClosedReason.TaskWithdrawn, ClosedReason.Withdrawn, ClosedReason.Replaced,
            }.Select(code => French.Render(Phrase.Of(code))));
        Assert.Equal("La demande n'est plus d'actualité.", French.Render(Phrase.Of(WithdrawnReason.Obsolete)));
    }

    [Fact]
    public void A_timeline_line_is_said_with_the_names_the_reader_resolved()
    {
        Assert.Equal("Saisine enregistrée par Sofia Haddad — sans effet sur le dossier",
            French.Render(Phrase.Of("timeline.stimulus.start", ("who", "Sofia Haddad"), ("ignored", "true"))));
        Assert.Equal("Délai prolongé de 8 jours par Camille Martin : audience reportée",
            French.Render(Phrase.Of("timeline.escalation.extended", ("extension", "P8D"), ("who", "Camille Martin"), ("reason", "audience reportée"))));
        Assert.Equal("En attente : Évaluer la situation — délai jusqu'au lundi 20 juillet 2026 inclus",
            French.Render(Phrase.Of("timeline.activity.waiting", ("activity", "Évaluer la situation"), ("dueAt", "2026-07-20T22:00:00Z"),
                ("zone", "Europe/Paris"))));
        Assert.Equal("Étape terminée : Évaluer la situation (issue : danger)",
            French.Render(Phrase.Of("timeline.activity.completed", ("activity", "Évaluer la situation"), ("outcome", "danger"))));
        Assert.Equal("Donnée renseignée : Décision", French.Render(Phrase.Of("timeline.variable.changed", ("variable", "Décision"))));
    }

    [Fact]
    public void Every_message_a_partner_is_sent_has_its_timeline_line()
    {
        Assert.All(MessageTypes.Outgoing.Keys, type => Assert.True(French.Knows("timeline.sent." + type), type));
    }

    [Fact]
    public void Every_code_of_the_catalogue_says_something_whatever_parameters_it_lacks()
    {
        Assert.All(French.Codes.Where(c => c != EscalationReason.DefinitionCode && c != EscalationReason.StoredCode),
            code => Assert.False(string.IsNullOrWhiteSpace(French.Render(Phrase.Of(code))), code));
    }

    [Fact]
    public void A_code_the_catalogue_does_not_know_shows_as_itself()
    {
        Assert.Equal("timeline.something-new", French.Render(Phrase.Of("timeline.something-new")));
    }

    [Fact]
    public void A_phrase_is_stored_as_its_code_and_parameters_and_read_back()
    {
        var stored = EscalationReason.Of(EscalationCauses.DeadlineMissed, title: "Évaluer", legalBasis: "C. civ. 375-5").AtLevel(2).ToJson();

        Assert.Equal("""{"code":"escalation.deadline-missed","legalBasis":"C. civ. 375-5","level":"2","title":"Évaluer"}""",
            stored.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("Délai dépassé pour la demande « Évaluer » (C. civ. 375-5) — non traitée par la coordination", French.Text(stored));
    }

    [Fact]
    public void A_sentence_stored_by_an_earlier_version_is_shown_as_it_was_written_and_rises_with_it()
    {
        JsonNode old = JsonValue.Create("Délai dépassé pour la demande « Évaluer la situation »");

        Assert.Equal("Délai dépassé pour la demande « Évaluer la situation »", French.Text(old));
        Assert.Equal("Délai dépassé pour la demande « Évaluer la situation » — non traitée par la coordination",
            French.Render(EscalationReason.Read(old).AtLevel(2)));
        Assert.Equal("", French.Text(null));
        Assert.Equal("Escalade non traitée — non traitée par la coordination", French.Render(EscalationReason.Read(null).AtLevel(2)));
    }

    [Fact]
    public void An_escalation_keeps_its_reason_as_a_phrase_and_the_message_says_it_in_words()
    {
        var run = TaskSpec.Start();
        run.Answer(run.Waiting("task"), new JsonObject { ["answer"] = "accepted" }).Fire("reminder");

        run.Fire("deadline");

        var level1 = run.Waiting("escalation");
        Assert.Equal(
            """{"code":"escalation.deadline-missed","legalBasis":"C. civ. 375-5","title":"Décider des suites du signalement"}""",
            level1.Data!["reason"]!.ToJsonString(Relaxed));
        Assert.Equal(EscalationCauses.DeadlineMissed, level1.Data["cause"]!.GetValue<string>());
        Assert.Equal("Délai dépassé pour la demande « Décider des suites du signalement » (C. civ. 375-5)",
            run.Sent(MessageTypes.EscalationRaised).Single().Payload["reason"]!.GetValue<string>());

        run.Fire("escalation-rise");

        var level2 = run.State.Tokens.SelectMany(t => t.Bookmarks).Single(b => b.Purpose == "escalation" && b.Data!["level"]!.GetValue<int>() == 2);
        Assert.Equal("2", level2.Data!["reason"]!["level"]!.GetValue<string>());
        Assert.Equal("Délai dépassé pour la demande « Décider des suites du signalement » (C. civ. 375-5) — non traitée par la coordination",
            run.Sent(MessageTypes.EscalationRaised).Single().Payload["reason"]!.GetValue<string>());
    }

    /// <summary>
    /// The grep that keeps it so: outside the catalogue, the engine and the activities hold no French sentence of their
    /// own, but for the words of the designer's palette (attributes), the deadline texts partners read (DeadlineText,
    /// rendered into the message when it leaves), holiday names, and validation messages returned to whoever asked.
    /// </summary>
    [Fact]
    public void No_French_sentence_is_written_by_the_engine_or_the_activities_outside_the_catalogue()
    {
        string[] allowed =
        [
            "src/Activities/Wording/", // the catalogue itself
            "src/Activities/Deadlines/DeadlineText.cs", // due dates in words, rendered into the message as it leaves
            "src/Workflows/ActivityModel/FrenchPublicHolidays.cs", // holiday names, never stored
            "src/Workflows/Persistence/RecordBackfill.cs", // reads the sentences earlier versions stored, to tell their cause
            "src/Workflows/Versioning/MigrationMapping.cs", // problems of a mapping, returned to the designer's caller
        ];
        var offending = new List<string>();
        foreach (var folder in new[] { "src/Activities", "src/Workflows" })
            foreach (var file in Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Repository.Root, file).Replace('\\', '/');
                if (relative.Contains("/Migrations/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
                    || allowed.Any(a => relative.StartsWith(a, StringComparison.Ordinal))) continue;
                var lines = File.ReadAllLines(file);
                var inAttribute = false;
                for (var i = 0; i < lines.Length; i++)
                {
                    var line = lines[i].Trim();
                    // An attribute ([Activity], [Input], [Outcome]: the designer's palette) runs until its closing bracket.
                    if (line.StartsWith('[')) inAttribute = true;
                    var skipped = inAttribute || line.StartsWith("//", StringComparison.Ordinal);
                    if (inAttribute && line.EndsWith(']')) inAttribute = false;
                    if (!skipped && FrenchLiteral().IsMatch(line)) offending.Add($"{relative}:{i + 1}: {line}");
                }
            }

        Assert.Empty(offending);
    }

    // A string literal with a letter or a quotation mark only French uses here.
    [GeneratedRegex("\"[^\"]*[àâçéèêëîïôûùüÿœÀÉÈ«»][^\"]*\"")]
    private static partial Regex FrenchLiteral();

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
