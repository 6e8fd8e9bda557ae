using NodaTime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// A part of France with its own public holidays or time zone, where the child-protection code applies
/// (docs/deadlines.md, table of territories). Named in definitions in camelCase: <c>metropole</c>, <c>laReunion</c>.
/// </summary>
public enum Territory
{
    /// <summary>Metropolitan France but Alsace-Moselle: the eleven holidays of C. trav. L3133-1.</summary>
    Metropole,
    /// <summary>Bas-Rhin, Haut-Rhin, Moselle: Good Friday and 26 December as well (C. trav. L3134-13).</summary>
    AlsaceMoselle,
    Guadeloupe,
    Guyane,
    Martinique,
    Mayotte,
    LaReunion,
    SaintBarthelemy,
    SaintMartin,
    SaintPierreEtMiquelon,
}

/// <summary>The time zone of each territory: a deadline expires at midnight where the act must be done.</summary>
public static class TerritoryZones
{
    public static DateTimeZone Of(Territory territory) => DateTimeZoneProviders.Tzdb[territory switch
    {
        Territory.Metropole or Territory.AlsaceMoselle => "Europe/Paris",
        Territory.Guadeloupe => "America/Guadeloupe",
        Territory.Guyane => "America/Cayenne",
        Territory.Martinique => "America/Martinique",
        Territory.Mayotte => "Indian/Mayotte",
        Territory.LaReunion => "Indian/Reunion",
        Territory.SaintBarthelemy => "America/St_Barthelemy",
        Territory.SaintMartin => "America/Marigot",
        Territory.SaintPierreEtMiquelon => "America/Miquelon",
        _ => throw new ArgumentOutOfRangeException(nameof(territory), territory, "Unknown territory."),
    }];
}
