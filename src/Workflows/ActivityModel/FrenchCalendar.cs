using NodaTime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// The days of a deployment's calendar: its territory's public holidays and its local non-working days, and which
/// days count for each way of counting. A working day (« jour ouvré ») is Monday to Friday and not a holiday; it is
/// also the only day a deadline may end on once rolled (CPC 642 moves past Saturdays too). « Jours ouvrables » add
/// Saturdays.
/// </summary>
public sealed class FrenchCalendar(DeploymentCalendar calendar)
{
    public static FrenchCalendar Metropole { get; } = new(DeploymentCalendar.Metropole);

    /// <summary>A public holiday of the territory or a non-working day the deployment declares.</summary>
    public bool IsHoliday(LocalDate date) =>
        FrenchPublicHolidays.IsPublicHoliday(date, calendar.Territory) || calendar.LocalNonWorkingDays.Contains(date);

    /// <summary>« Jour ouvré »: Monday to Friday, not a holiday.</summary>
    public bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>Whether <paramref name="date"/> is one of the days <paramref name="counting"/> counts.</summary>
    public bool Counts(LocalDate date, DayCounting counting) => counting switch
    {
        DayCounting.Calendar => true,
        DayCounting.WorkingDays => IsWorkingDay(date),
        DayCounting.WorkingDaysAndSaturdays => date.DayOfWeek != IsoDayOfWeek.Sunday && !IsHoliday(date),
        _ => throw new ArgumentOutOfRangeException(nameof(counting), counting, "Unknown counting."),
    };

    /// <summary>The date itself when it is a working day, otherwise the next working day (CPC 642's roll-forward).</summary>
    public LocalDate OnOrAfter(LocalDate date)
    {
        while (!IsWorkingDay(date))
            date = date.PlusDays(1);
        return date;
    }

    /// <summary>The date itself when it is a working day, otherwise the working day before it.</summary>
    public LocalDate OnOrBefore(LocalDate date)
    {
        while (!IsWorkingDay(date))
            date = date.PlusDays(-1);
        return date;
    }

    /// <summary>The date moved by <paramref name="roll"/> when it is not a working day.</summary>
    public LocalDate Rolled(LocalDate date, DayRoll roll) => roll switch
    {
        DayRoll.Next => OnOrAfter(date),
        DayRoll.Previous => OnOrBefore(date),
        _ => date,
    };

    /// <summary>The <paramref name="count"/>-th day that <paramref name="counting"/> counts after <paramref name="date"/>,
    /// which itself never counts.</summary>
    public LocalDate After(LocalDate date, int count, DayCounting counting = DayCounting.WorkingDays) => Step(date, count, counting, 1);

    /// <summary>The <paramref name="count"/>-th counted day before <paramref name="date"/>, which itself never counts.</summary>
    public LocalDate Before(LocalDate date, int count, DayCounting counting = DayCounting.WorkingDays) => Step(date, count, counting, -1);

    private LocalDate Step(LocalDate date, int count, DayCounting counting, int direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var counted = 0; counted < count;)
        {
            date = date.PlusDays(direction);
            if (Counts(date, counting)) counted++;
        }

        return date;
    }
}
