using NodaTime;

namespace Pathway.Activities.Deadlines;

/// <summary>Splits a period into its date part (years to days, counted on the calendar) and its time part (elapsed).</summary>
internal static class PeriodParts
{
    public static Period DatePart(Period period) =>
        new PeriodBuilder { Years = period.Years, Months = period.Months, Weeks = period.Weeks, Days = period.Days }.Build();

    public static Duration TimePart(Period period) =>
        new PeriodBuilder
        {
            Hours = period.Hours, Minutes = period.Minutes, Seconds = period.Seconds,
            Milliseconds = period.Milliseconds, Ticks = period.Ticks, Nanoseconds = period.Nanoseconds,
        }.Build().ToDuration();

    /// <summary>Rejects empty periods and periods with a negative unit: a deadline or a reminder always lies ahead of its origin.</summary>
    public static void EnsurePositive(Period period, string parameter)
    {
        var units = new[]
        {
            period.Years, period.Months, period.Weeks, period.Days, period.Hours, period.Minutes, period.Seconds,
            period.Milliseconds, period.Ticks, period.Nanoseconds,
        };
        if (units.Any(unit => unit < 0))
            throw new ArgumentException($"The period {period} has a negative unit.", parameter);
        if (period.Equals(Period.Zero))
            throw new ArgumentException("The period is empty.", parameter);
    }
}
