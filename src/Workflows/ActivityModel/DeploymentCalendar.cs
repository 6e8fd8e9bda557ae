using NodaTime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// The calendar a deployment counts its deadlines on: its territory (public holidays, time zone) and the local
/// non-working days it declares (a day the préfet declares chômé, a customary holiday). Set by the host
/// (<c>Pathway:Calendar</c>); metropolitan France by default. Its days are told by <see cref="FrenchCalendar"/>, for the
/// activities' deadlines as for the <c>working-day</c> operator of conditions.
/// </summary>
public sealed class DeploymentCalendar
{
    /// <summary>Metropolitan France, Europe/Paris, no local day: the default.</summary>
    public static DeploymentCalendar Metropole { get; } = new(Territory.Metropole);

    public DeploymentCalendar(Territory territory, IEnumerable<LocalDate>? localNonWorkingDays = null)
    {
        Territory = territory;
        Zone = TerritoryZones.Of(territory);
        LocalNonWorkingDays = (localNonWorkingDays ?? []).ToHashSet();
    }

    public Territory Territory { get; }

    /// <summary>Where deadlines expire at midnight and where local dates are read.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Days not worked in this deployment besides its territory's public holidays.</summary>
    public IReadOnlySet<LocalDate> LocalNonWorkingDays { get; }

    /// <summary>The calendar a deadline naming <paramref name="territory"/> counts on: that territory's public holidays
    /// and zone; this deployment's local days only when it is this deployment's own territory.</summary>
    public DeploymentCalendar For(Territory? territory) =>
        territory is not { } named || named == Territory ? this : new DeploymentCalendar(named);
}
