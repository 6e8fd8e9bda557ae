using NodaTime.Text;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Host.Setup;

/// <summary>
/// The <c>Pathway:Calendar</c> section: the territory whose public holidays and time zone the deployment's deadlines
/// count on (metropolitan France by default), and the local non-working days it declares, as dates.
/// <code>"Calendar": { "Territory": "LaReunion", "LocalNonWorkingDays": [ "2026-05-28" ] }</code>
/// </summary>
public static class CalendarSettings
{
    public const string TerritoryKey = PathwaySettings.Section + ":Calendar:Territory";
    public const string LocalNonWorkingDaysKey = PathwaySettings.Section + ":Calendar:LocalNonWorkingDays";

    /// <exception cref="PathwayStartupException">The territory is unknown or a local day is not a date.</exception>
    public static DeploymentCalendar Read(IConfiguration configuration)
    {
        var territory = ParseTerritory(configuration[TerritoryKey]);
        var days = configuration.GetSection(LocalNonWorkingDaysKey).GetChildren().Select(day =>
            LocalDatePattern.Iso.Parse(day.Value ?? "") is { Success: true } parsed
                ? parsed.Value
                : throw new PathwayStartupException(
                    $"{LocalNonWorkingDaysKey}:{day.Key} is '{day.Value}': write each local non-working day as a date, yyyy-MM-dd."));
        return new DeploymentCalendar(territory, days.ToList());
    }

    private static Territory ParseTerritory(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Territory.Metropole;
        // Names only: Enum.TryParse would also take "3". "LaReunion" and "laReunion" (as in definitions) both do.
        foreach (var territory in Enum.GetValues<Territory>())
        {
            if (string.Equals(territory.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase)) return territory;
        }

        throw new PathwayStartupException(
            $"{TerritoryKey} is '{value}': use one of {string.Join(", ", Enum.GetNames<Territory>())} (Metropole by default).");
    }
}
