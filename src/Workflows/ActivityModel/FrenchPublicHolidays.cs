using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// The public holidays of each French territory (docs/deadlines.md, table of territories): the eleven of the
/// Code du travail (L3133-1) everywhere; Good Friday and 26 December in Alsace-Moselle (L3134-13); the
/// commemoration of the abolition of slavery overseas (L3422-2, from loi n° 83-550 and décret n° 83-1003).
/// Customary days (Mi-carême, 21 July in the Antilles, Mayotte's religious feasts) are not legal holidays: a
/// deployment declares them as local non-working days.
/// </summary>
public static class FrenchPublicHolidays
{
    /// <summary>The first year of the Gregorian calendar, from which the Easter computation holds.</summary>
    public const int FirstYear = 1583;

    // A deadline computation asks about the same one or two years over and over: compute each year once.
    private static readonly ConcurrentDictionary<(int, Territory), FrozenSet<LocalDate>> ByYear = new();

    public static bool IsPublicHoliday(LocalDate date, Territory territory = Territory.Metropole) =>
        InYear(date.Year, territory).Contains(date);

    /// <summary>The public holidays of a year in a territory; fewer than the list when two fall on the same day
    /// (Ascension on 1 May in 2008).</summary>
    public static IReadOnlySet<LocalDate> InYear(int year, Territory territory = Territory.Metropole) =>
        ByYear.GetOrAdd((year, territory), key => Compute(key.Item1, key.Item2));

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

    private static FrozenSet<LocalDate> Compute(int year, Territory territory)
    {
        var easter = EasterSunday(year);
        var days = new List<LocalDate>
        {
            new(year, 1, 1),       // Jour de l'an
            easter.PlusDays(1),    // Lundi de Pâques
            new(year, 5, 1),       // Fête du travail
            new(year, 5, 8),       // Victoire 1945
            easter.PlusDays(39),   // Ascension
            easter.PlusDays(50),   // Lundi de Pentecôte (still a public holiday, even where it is the "journée de solidarité")
            new(year, 7, 14),      // Fête nationale
            new(year, 8, 15),      // Assomption
            new(year, 11, 1),      // Toussaint
            new(year, 11, 11),     // Armistice 1918
            new(year, 12, 25),     // Noël
        };
        days.AddRange(territory switch
        {
            // C. trav. L3134-13: Good Friday (the text says "in communes with a Protestant temple or a mixed church";
            // the courts of the three départements close in all of them) and the second day of Christmas.
            Territory.AlsaceMoselle => [easter.PlusDays(-2), new LocalDate(year, 12, 26)],
            // C. trav. L3422-2: the commemoration of the abolition of slavery, one date per territory.
            Territory.Mayotte => [new LocalDate(year, 4, 27)],
            Territory.Martinique => [new LocalDate(year, 5, 22)],
            // Saint-Martin: 27 May as the Code reads; the 28 May that the préfecture has recognised yearly since 2019
            // is a local non-working day for a deployment to declare (docs/deadlines.md).
            Territory.Guadeloupe or Territory.SaintMartin => [new LocalDate(year, 5, 27)],
            Territory.Guyane => [new LocalDate(year, 6, 10)],
            Territory.SaintBarthelemy => [new LocalDate(year, 10, 9)],
            Territory.LaReunion => [new LocalDate(year, 12, 20)],
            Territory.Metropole or Territory.SaintPierreEtMiquelon => [],
            _ => throw new ArgumentOutOfRangeException(nameof(territory), territory, "Unknown territory."),
        });
        return days.ToFrozenSet();
    }
}
