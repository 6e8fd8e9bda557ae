using NodaTime;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>The due instant in the words a social worker reads.</summary>
public class DeadlineTextTests
{
    [Theory]
    [InlineData("2026-07-21T00:00+02:00", "jusqu'au lundi 20 juillet 2026 inclus")]
    [InlineData("2026-03-03T00:00+01:00", "jusqu'au lundi 2 mars 2026 inclus")]
    [InlineData("2026-07-02T00:00+02:00", "jusqu'au mercredi 1er juillet 2026 inclus")]
    [InlineData("2027-01-01T00:00+01:00", "jusqu'au jeudi 31 décembre 2026 inclus")]
    public void A_deadline_expiring_at_midnight_names_its_last_day(string due, string text) =>
        Assert.Equal(text, DeadlineText.Describe(At(due), Zone));

    [Theory]
    [InlineData("2026-07-13T14:30+02:00", "avant le 13/07/2026 à 14 h 30")]
    [InlineData("2026-03-30T13:00+02:00", "avant le 30/03/2026 à 13 h")]
    [InlineData("2026-07-13T09:05+02:00", "avant le 13/07/2026 à 9 h 05")]
    public void An_elapsed_deadline_names_its_date_and_time(string due, string text) =>
        Assert.Equal(text, DeadlineText.Describe(At(due), Zone));

    [Fact]
    public void Seconds_are_dropped_so_the_text_never_gives_more_time_than_the_deadline() =>
        Assert.Equal("avant le 13/07/2026 à 14 h 30",
            DeadlineText.Describe(At("2026-07-13T14:30+02:00") + Duration.FromSeconds(59), Zone));

    [Theory]
    [InlineData("P10D", DayCounting.WorkingDaysAndSaturdays, "10 jours ouvrables")]
    [InlineData("P10D", DayCounting.WorkingDays, "10 jours ouvrés")]
    [InlineData("P1D", DayCounting.WorkingDays, "1 jour ouvré")]
    [InlineData("P2W", DayCounting.WorkingDays, "10 jours ouvrés")] // a week is five jours ouvrés
    [InlineData("P1W", DayCounting.WorkingDaysAndSaturdays, "6 jours ouvrables")] // and six jours ouvrables
    [InlineData("P8D", DayCounting.Calendar, "8 jours")]
    [InlineData("P1Y6M", DayCounting.Calendar, "1 an et 6 mois")]
    [InlineData("PT72H", DayCounting.Calendar, "72 heures")]
    public void A_deadline_says_how_its_days_are_counted(string duration, DayCounting counting, string text) =>
        Assert.Equal(text, DeadlineText.Length(new Deadline { Duration = IsoPeriod(duration), Counting = counting }));

    [Fact]
    public void A_deadline_counted_forward_reads_as_before() =>
        Assert.Equal("jusqu'au lundi 20 juillet 2026 inclus",
            DeadlineText.Describe(new Deadline { Duration = IsoPeriod("P10D"), Counting = DayCounting.WorkingDaysAndSaturdays }, At("2026-07-21T00:00+02:00"), Zone));
}
