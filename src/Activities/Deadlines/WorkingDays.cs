using NodaTime;

namespace Pathway.Activities.Deadlines;

/// <summary>Working days ("jours ouvrables" in CPC 642's sense for deadlines): not a Saturday, a Sunday or a French public holiday.</summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !FrenchPublicHolidays.IsPublicHoliday(date);

    /// <summary>The date itself when it is a working day, otherwise the next working day (CPC 642's roll-forward).</summary>
    public static LocalDate OnOrAfter(LocalDate date)
    {
        while (!IsWorkingDay(date))
            date = date.PlusDays(1);
        return date;
    }

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="date"/>, which itself never counts.</summary>
    public static LocalDate After(LocalDate date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var counted = 0; counted < count; counted++)
            date = OnOrAfter(date.PlusDays(1));
        return date;
    }
}
