using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pathway.Host.Setup;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Calendar;

/// <summary>The <c>Pathway:Calendar</c> section: the deployment's territory and its local non-working days.</summary>
public sealed class CalendarSettingsTests
{
    [Fact]
    public void By_default_a_deployment_counts_on_the_calendar_of_metropolitan_France()
    {
        var calendar = CalendarSettings.Read(Configuration());

        Assert.Equal(Territory.Metropole, calendar.Territory);
        Assert.Equal("Europe/Paris", calendar.Zone.Id);
        Assert.Empty(calendar.LocalNonWorkingDays);
    }

    [Theory]
    [InlineData("LaReunion", Territory.LaReunion)]
    [InlineData("laReunion", Territory.LaReunion)] // as definitions write it
    [InlineData(" alsacemoselle ", Territory.AlsaceMoselle)]
    public void A_territory_is_named_as_in_the_table_of_territories(string value, Territory territory) =>
        Assert.Equal(territory, CalendarSettings.Read(Configuration(("Calendar:Territory", value))).Territory);

    [Fact]
    public void Local_non_working_days_are_dates()
    {
        var calendar = CalendarSettings.Read(Configuration(
            ("Calendar:Territory", "SaintMartin"), ("Calendar:LocalNonWorkingDays:0", "2026-05-28"), ("Calendar:LocalNonWorkingDays:1", "2027-05-28")));

        Assert.Equal([new LocalDate(2026, 5, 28), new LocalDate(2027, 5, 28)], calendar.LocalNonWorkingDays.Order());
    }

    [Theory]
    [InlineData("Reunion")]
    [InlineData("3")]
    public void An_unknown_territory_is_refused_with_the_names_to_use(string value)
    {
        var refusal = Assert.Throws<PathwayStartupException>(() => CalendarSettings.Read(Configuration(("Calendar:Territory", value))));

        Assert.Equal($"Pathway:Calendar:Territory is '{value}': use one of Metropole, AlsaceMoselle, Guadeloupe, Guyane, Martinique, Mayotte, "
            + "LaReunion, SaintBarthelemy, SaintMartin, SaintPierreEtMiquelon (Metropole by default).", refusal.Message);
    }

    [Fact]
    public void A_local_non_working_day_that_is_not_a_date_is_refused()
    {
        var refusal = Assert.Throws<PathwayStartupException>(() =>
            CalendarSettings.Read(Configuration(("Calendar:LocalNonWorkingDays:0", "28/05/2026"))));

        Assert.Equal("Pathway:Calendar:LocalNonWorkingDays:0 is '28/05/2026': write each local non-working day as a date, yyyy-MM-dd.", refusal.Message);
    }

    [Fact]
    public async Task The_engine_of_a_deployment_counts_on_its_calendar()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder, settings: new Dictionary<string, string>
        {
            ["Pathway:Calendar:Territory"] = "Guadeloupe", ["Pathway:Calendar:LocalNonWorkingDays:0"] = "2026-07-21",
        });

        var calendar = run.Services.GetRequiredService<Interpreter>().Calendar;

        Assert.Equal(Territory.Guadeloupe, calendar.Territory);
        Assert.Equal("America/Guadeloupe", calendar.Zone.Id);
        Assert.Contains(new LocalDate(2026, 7, 21), calendar.LocalNonWorkingDays);
        Assert.Same(calendar, run.Services.GetRequiredService<DeploymentCalendar>());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Pathway:" + v.Key, v.Value)))
            .Build();
}
