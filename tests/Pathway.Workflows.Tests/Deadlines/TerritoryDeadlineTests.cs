using NodaTime;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>Deadlines counted on the calendar of the deployment's territory, or of the territory a legal basis names.</summary>
public sealed class TerritoryDeadlineTests
{
    private static Instant DueAt(string duration, string from, DeploymentCalendar calendar, Territory? territory = null) =>
        DeadlineCalculator.DueAt(new Deadline { Duration = IsoPeriod(duration), Territory = territory }, At(from), calendar);

    [Fact]
    public void In_Alsace_Moselle_Good_Friday_is_not_a_working_day()
    {
        // Thursday 26 March 2026 + 8 days = Good Friday 3 April; then the weekend and Easter Monday.
        Assert.Equal(At("2026-04-04T00:00+02:00"), DueAt("P8D", "2026-03-26T10:00+01:00", Metropole));
        Assert.Equal(At("2026-04-08T00:00+02:00"), DueAt("P8D", "2026-03-26T10:00+01:00", new DeploymentCalendar(Territory.AlsaceMoselle)));
    }

    [Fact]
    public void In_La_Reunion_a_deadline_passes_the_abolition_of_slavery_and_expires_at_midnight_in_Saint_Denis()
    {
        // Sunday 12 December 2027 + 8 days = Monday 20 December, the commemoration there: Tuesday 21, midnight at +04:00.
        Assert.Equal(At("2027-12-22T00:00+04:00"), DueAt("P8D", "2027-12-12T10:00+04:00", new DeploymentCalendar(Territory.LaReunion)));
        Assert.Equal(At("2027-12-21T00:00+01:00"), DueAt("P8D", "2027-12-12T10:00+01:00", Metropole));
    }

    [Fact]
    public void In_Guadeloupe_the_day_of_the_event_is_the_local_day()
    {
        // 22:00 on Friday 10 July in Pointe-à-Pitre is already Saturday 11 July in Paris; counted from the 10th there,
        // the 8th day is Saturday 18 July, then Monday 20 July, which expires at midnight at -04:00.
        var due = DueAt("P8D", "2026-07-10T22:00-04:00", new DeploymentCalendar(Territory.Guadeloupe));

        Assert.Equal(At("2026-07-21T00:00-04:00"), due);
        Assert.Equal(Instant.FromUtc(2026, 7, 21, 4, 0), due);
    }

    [Fact]
    public void A_local_non_working_day_extends_a_deadline_like_a_public_holiday()
    {
        // Wednesday 20 May 2026 + 8 days = Thursday 28 May, declared non-working in Saint-Martin: Friday 29 May.
        var saintMartin = new DeploymentCalendar(Territory.SaintMartin, [Date("2026-05-28")]);

        Assert.Equal(At("2026-05-30T00:00-04:00"), DueAt("P8D", "2026-05-20T10:00-04:00", saintMartin));
    }

    [Fact]
    public void A_deadline_naming_a_territory_counts_on_its_calendar_without_the_deployments_local_days()
    {
        var saintMartin = new DeploymentCalendar(Territory.SaintMartin, [Date("2026-05-28")]);

        // The legal basis counts on the metropolitan calendar: 28 May is a working day there, and midnight is in Paris.
        Assert.Equal(At("2026-05-29T00:00+02:00"), DueAt("P8D", "2026-05-20T10:00+02:00", saintMartin, Territory.Metropole));
        // Naming the deployment's own territory changes nothing.
        Assert.Equal(At("2026-05-30T00:00-04:00"), DueAt("P8D", "2026-05-20T10:00-04:00", saintMartin, Territory.SaintMartin));
        // A metropolitan deployment counting a deadline on the Alsace-Moselle calendar (Good Friday 3 April 2026).
        Assert.Equal(At("2026-04-08T00:00+02:00"), DueAt("P8D", "2026-03-26T10:00+01:00", Metropole, Territory.AlsaceMoselle));
    }
}
