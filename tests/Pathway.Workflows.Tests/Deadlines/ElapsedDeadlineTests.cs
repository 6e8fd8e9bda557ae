using NodaTime;
using Pathway.Activities.Deadlines;
using Pathway.Workflows.ActivityModel;
using static Pathway.Workflows.Tests.Deadlines.Paris;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>Durations with hours, minutes or seconds are elapsed time: practice deadlines such as the 72 hours of a return interview.</summary>
public class ElapsedDeadlineTests
{
    private static Instant DueAt(string duration, Instant from) =>
        DeadlineCalculator.DueAt(new Deadline { Duration = IsoPeriod(duration) }, from, Metropole);

    [Fact]
    public void Seventy_two_hours_are_seventy_two_real_hours_across_the_change_to_summer_time()
    {
        var from = At("2026-03-27T12:00+01:00");

        var due = DueAt("PT72H", from);

        Assert.Equal(Duration.FromHours(72), due - from);
        Assert.Equal(At("2026-03-30T13:00+02:00"), due); // the clock shows 13:00, not 12:00
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 11, 0), due);
    }

    [Fact]
    public void Seventy_two_hours_are_seventy_two_real_hours_across_the_change_to_winter_time()
    {
        var from = At("2026-10-23T12:00+02:00");

        var due = DueAt("PT72H", from);

        Assert.Equal(At("2026-10-26T11:00+01:00"), due); // the clock shows 11:00, not 12:00
        Assert.Equal(Instant.FromUtc(2026, 10, 26, 10, 0), due);
    }

    [Theory]
    [InlineData("PT24H", "2026-07-10T12:00+02:00", "2026-07-11T12:00+02:00")] // ends on a Saturday and stays there
    [InlineData("PT72H", "2026-07-11T09:00+02:00", "2026-07-14T09:00+02:00")] // ends on 14 July and stays there
    public void Elapsed_time_never_rolls_forward_to_a_working_day(string duration, string from, string due) =>
        Assert.Equal(At(due), DueAt(duration, At(from)));

    [Fact]
    public void The_date_part_of_a_mixed_duration_keeps_the_wall_clock_and_the_time_part_is_elapsed()
    {
        // Saturday 28 March 12:00 + 1 day = Sunday 29 March 12:00 (summer time), then 12 real hours.
        var from = At("2026-03-28T12:00+01:00");

        Assert.Equal(At("2026-03-30T00:00+02:00"), DueAt("P1DT12H", from));
        Assert.Equal(At("2026-03-30T01:00+02:00"), DueAt("PT36H", from)); // 36 real hours include the lost hour
    }

    [Fact]
    public void Seconds_count() =>
        Assert.Equal(At("2026-07-10T12:00+02:00") + Duration.FromSeconds(5), DueAt("PT5S", At("2026-07-10T12:00+02:00")));
}
