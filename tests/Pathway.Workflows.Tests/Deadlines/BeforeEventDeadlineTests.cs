using NodaTime;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>
/// Deadlines counted back from an event (délais à rebours): the event's day does not count, the period must lie whole
/// between the act and the event, and a last day that is not a working day moves back. Every case by hand.
/// </summary>
public sealed class BeforeEventDeadlineTests
{
    private static Instant DueBefore(string duration, string eventDay, DayCounting counting = DayCounting.Calendar, DayRoll? roll = null,
        string? plus = null, DeploymentCalendar? calendar = null) =>
        DeadlineCalculator.DueBefore(Deadline(duration, counting, roll, plus), Date(eventDay), calendar ?? Metropole);

    private static Deadline Deadline(string duration, DayCounting counting = DayCounting.Calendar, DayRoll? roll = null, string? plus = null) => new()
    {
        Duration = IsoPeriod(duration), Counting = counting, Roll = roll,
        Before = new DeadlineAnchor { Variable = "hearingDate", Plus = plus is null ? null : IsoPeriod(plus), Event = "l'audience" },
    };

    [Fact]
    public void A_summons_eight_days_before_a_hearing_on_Monday_14_December_2026_is_due_by_Friday_4_December()
    {
        // CPC 1188. 14 December does not count; eight days back from Sunday 13: 13, 12, 11, 10, 9, 8, 7, 6. The summons
        // must come before those eight whole days: Saturday 5 December, which moves back to Friday 4.
        Assert.Equal(At("2026-12-05T00:00+01:00"), DueBefore("P8D", "2026-12-14"));
    }

    [Fact]
    public void The_jurisprudence_example_of_a_hearing_on_31_July_2024_gives_Monday_22_July()
    {
        // Cass. com., 14 mars 2018, n° 16-26.996, as commented: eight days back from 30 July end on 23 July; act by the 22nd.
        Assert.Equal(At("2024-07-23T00:00+02:00"), DueBefore("P8D", "2024-07-31"));
    }

    [Fact]
    public void A_last_day_on_Easter_Monday_moves_back_over_the_weekend_to_Friday()
    {
        // Hearing Wednesday 7 April 2027: eight days back from the 6th end on Tuesday 30 March; the last day, Easter Monday
        // 29 March, moves back past Sunday 28 and Saturday 27 to Friday 26 March.
        Assert.Equal(At("2027-03-27T00:00+01:00"), DueBefore("P8D", "2027-04-07"));
        // In Alsace-Moselle that Friday is Good Friday: Thursday 25 March.
        Assert.Equal(At("2027-03-26T00:00+01:00"), DueBefore("P8D", "2027-04-07", calendar: new DeploymentCalendar(Territory.AlsaceMoselle)));
    }

    [Fact]
    public void A_last_day_on_Whit_Monday_moves_back_to_the_Friday_before()
    {
        // Hearing Wednesday 3 June 2026: the period runs back to Tuesday 26 May; Whit Monday 25 May, Sunday, Saturday → Friday 22 May.
        Assert.Equal(At("2026-05-23T00:00+02:00"), DueBefore("P8D", "2026-06-03"));
    }

    [Fact]
    public void A_legal_basis_that_keeps_the_last_day_leaves_it_on_a_Saturday() =>
        Assert.Equal(At("2026-12-06T00:00+01:00"), DueBefore("P8D", "2026-12-14", roll: DayRoll.None));

    [Fact]
    public void One_year_before_majority_is_counted_from_the_birth_date_plus_eighteen_years()
    {
        // CASF L222-5-1. Born 15 March 2010: of age on Wednesday 15 March 2028; a year back from the 14th ends on Monday
        // 15 March 2027; the day before, Sunday 14 March, moves back to Friday 12 March 2027.
        Assert.Equal(At("2027-03-13T00:00+01:00"), DueBefore("P1Y", "2010-03-15", plus: "P18Y"));
    }

    [Fact]
    public void Working_days_before_an_event_count_only_working_days()
    {
        // Five jours ouvrés before Monday 14 December 2026: Friday 11, 10, 9, 8, Monday 7; the day before, Sunday 6 → Friday 4.
        Assert.Equal(At("2026-12-05T00:00+01:00"), DueBefore("P5D", "2026-12-14", DayCounting.WorkingDays));
        // Three jours ouvrés before Wednesday 16 December: 15, 14, Friday 11; the day before is Thursday 10.
        Assert.Equal(At("2026-12-11T00:00+01:00"), DueBefore("P3D", "2026-12-16", DayCounting.WorkingDays));
        // Three jours ouvrables: 15, 14, Saturday 12; the day before is Friday 11.
        Assert.Equal(At("2026-12-12T00:00+01:00"), DueBefore("P3D", "2026-12-16", DayCounting.WorkingDaysAndSaturdays));
    }

    [Fact]
    public void A_deadline_counted_back_never_moves_forward_towards_the_event()
    {
        Assert.Throws<ArgumentException>(() => DueBefore("P8D", "2026-12-14", roll: DayRoll.Next));
        Assert.Throws<ArgumentException>(() => DueBefore("PT72H", "2026-12-14"));
        Assert.Throws<ArgumentException>(() =>
            DeadlineCalculator.DueAt(Deadline("P8D"), At("2026-12-01T10:00+01:00"), Metropole)); // counted back, not forward
    }

    [Fact]
    public void The_text_says_how_long_before_which_event()
    {
        var deadline = Deadline("P8D");

        Assert.Equal("au plus tard le vendredi 4 décembre 2026, 8 jours avant l'audience",
            DeadlineText.Describe(deadline, DueBefore("P8D", "2026-12-14"), Zone));
        Assert.Equal("au plus tard le vendredi 4 décembre 2026",
            DeadlineText.Describe(deadline with { Before = deadline.Before! with { Event = null } }, DueBefore("P8D", "2026-12-14"), Zone));
        Assert.Equal("au plus tard le vendredi 4 décembre 2026, 5 jours ouvrés avant l'audience",
            DeadlineText.Describe(Deadline("P5D", DayCounting.WorkingDays), DueBefore("P5D", "2026-12-14", DayCounting.WorkingDays), Zone));
        Assert.Equal("au plus tard le vendredi 12 mars 2027, 1 an avant la majorité",
            DeadlineText.Describe(Deadline("P1Y", plus: "P18Y") with { Before = new DeadlineAnchor { Variable = "birthDate", Plus = IsoPeriod("P18Y"), Event = "la majorité" } },
                DueBefore("P1Y", "2010-03-15", plus: "P18Y"), Zone));
    }
}
