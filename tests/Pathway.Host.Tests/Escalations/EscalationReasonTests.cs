using Pathway.Host.Escalations;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Escalations;

/// <summary>The reason the inbox and a file's details show: rendered from the phrase stored, or the sentence an earlier version stored.</summary>
public sealed class EscalationReasonTests
{
    private static BookmarkRow Row(string data) => new()
    {
        Id = Guid.NewGuid(), FileId = "2026-T9C4A42B", Kind = "Reply", ActivityId = "evaluer", Purpose = "escalation",
        Addressee = "role:coordination", Data = data, CreatedAt = DateTime.UtcNow,
    };

    [Fact]
    public void A_reason_stored_as_a_phrase_is_said_in_French_at_its_level()
    {
        var escalation = EscalationBookmark.Of(Row("""
            {"level": 2, "cause": "deadline-missed",
             "reason": {"code": "escalation.deadline-missed", "title": "Évaluer la situation", "legalBasis": "C. civ. 375-5", "level": "2"}}
            """));

        Assert.Equal("Délai dépassé pour la demande « Évaluer la situation » (C. civ. 375-5) — non traitée par la coordination", escalation.Reason);
        Assert.Equal(2, escalation.Level);
    }

    [Fact]
    public void A_reason_stored_as_a_sentence_by_an_earlier_version_is_shown_as_it_was_written()
    {
        var escalation = EscalationBookmark.Of(Row("""{"level": 1, "reason": "Pas d'accusé de réception de la demande « Évaluer la situation »"}"""));

        Assert.Equal("Pas d'accusé de réception de la demande « Évaluer la situation »", escalation.Reason);
    }
}
