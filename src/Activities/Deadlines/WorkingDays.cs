using NodaTime;

namespace Pathway.Activities.Deadlines;

/// <summary>
/// Working days ("jours ouvrés"): Monday to Friday, except French public holidays. Not the "jours ouvrables" of
/// labour law, which include Saturdays: CPC 642 skips Saturdays too, so the two agree for deadlines.
/// </summary>
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
