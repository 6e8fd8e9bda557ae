using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Scheduling;
using Pathway.Host.Setup;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Scheduling;

/// <summary>Where the embedded default keeps its timers.</summary>
public sealed class SchedulingSettingsTests
{
    [Theory]
    [InlineData("/srv/pathway/data/pathway.db", "/srv/pathway/data/pathway-timers.db")]
    [InlineData("/srv/pathway/pathway", "/srv/pathway/pathway-timers")]
    public void The_timers_of_a_SQLite_database_go_in_a_file_beside_it(string pathwayFile, string timersFile) =>
        Assert.Equal(timersFile, SchedulingServices.SqliteStoreFile(pathwayFile));

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=file:pathway?mode=memory&cache=shared")]
    public void A_SQLite_database_that_is_not_a_file_is_refused(string connectionString)
    {
        var settings = new PathwaySettings(DatabaseProvider.Sqlite, connectionString, "/definitions", "/");

        var refusal = Assert.Throws<PathwayStartupException>(() => new ServiceCollection().AddPathwayScheduling(settings));

        Assert.Contains("must name a file", refusal.Message);
    }
}
