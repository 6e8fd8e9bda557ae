using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;

namespace Pathway.Activities.Deadlines;

/// <summary>
/// The eleven public holidays of metropolitan France (Code du travail L3133-1). Alsace-Moselle's two extra days
/// (Good Friday, 26 December) are not included: the pathway runs in Seine-Saint-Denis.
/// </summary>
public static class FrenchPublicHolidays
{
    /// <summary>The first year of the Gregorian calendar, from which the Easter computation holds.</summary>
    public const int FirstYear = 1583;

    // A deadline computation asks about the same one or two years over and over: compute each year once.
    private static readonly ConcurrentDictionary<int, FrozenSet<LocalDate>> ByYear = new();

    public static bool IsPublicHoliday(LocalDate date) => InYear(date.Year).Contains(date);

    /// <summary>The public holidays of a year; fewer than eleven when two fall on the same day (Ascension on 1 May in 2008).</summary>
    public static IReadOnlySet<LocalDate> InYear(int year) => ByYear.GetOrAdd(year, Compute);

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm).</summary>
    public static LocalDate EasterSunday(int year)
    {
        if (year < FirstYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Easter is computed for Gregorian years from {FirstYear}.");
        var a = year % 19;                     // place in the 19-year Metonic cycle
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30; // days from 21 March to the Paschal full moon, roughly
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7; // days from the full moon to the next Sunday
        var m = (a + 11 * h + 22 * l) / 451;
        var monthAndDay = h + l - 7 * m + 114;
        return new LocalDate(year, monthAndDay / 31, monthAndDay % 31 + 1);
    }

    private static FrozenSet<LocalDate> Compute(int year)
    {
        var easter = EasterSunday(year);
        return new[]
        {
            new LocalDate(year, 1, 1),   // Jour de l'an
            easter.PlusDays(1),          // Lundi de Pâques
            new LocalDate(year, 5, 1),   // Fête du travail
            new LocalDate(year, 5, 8),   // Victoire 1945
            easter.PlusDays(39),         // Ascension
            easter.PlusDays(50),         // Lundi de Pentecôte (still a public holiday, even where it is the "journée de solidarité")
            new LocalDate(year, 7, 14),  // Fête nationale
            new LocalDate(year, 8, 15),  // Assomption
            new LocalDate(year, 11, 1),  // Toussaint
            new LocalDate(year, 11, 11), // Armistice 1918
            new LocalDate(year, 12, 25), // Noël
        }.ToFrozenSet();
    }
}
