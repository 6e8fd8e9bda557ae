using NodaTime;
using NodaTime.Text;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Workflows.Tests.Deadlines;

/// <summary>The zone the pathway runs in, and instants written the way a reader checks them: "2026-07-21T00:00+02:00".</summary>
internal static class Paris
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>Metropolitan France: the calendar of a deployment that names no territory.</summary>
    public static readonly DeploymentCalendar Metropole = DeploymentCalendar.Metropole;

    private static readonly OffsetDateTimePattern ToTheMinute =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>");

    public static Instant At(string offsetDateTime) => ToTheMinute.Parse(offsetDateTime).GetValueOrThrow().ToInstant();

    public static LocalDate Date(string isoDate) => LocalDatePattern.Iso.Parse(isoDate).GetValueOrThrow();

    public static Period IsoPeriod(string iso) => PeriodPattern.NormalizingIso.Parse(iso).GetValueOrThrow();
}
