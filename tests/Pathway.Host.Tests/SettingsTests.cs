using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Pathway.Host.Setup;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests;

/// <summary>The <c>Pathway</c> configuration section and where its relative paths lead.</summary>
public sealed class SettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pathway-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void By_default_Pathway_keeps_its_data_in_SQLite_and_reads_definitions_beside_it()
    {
        var settings = PathwaySettings.Read(Configuration(), _folder);

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal(Path.Combine(_folder, "data", "pathway.db"), new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
        Assert.Equal(Path.Combine(_folder, "definitions"), settings.DefinitionsFolder);
    }

    [Fact]
    public void The_repository_root_is_the_nearest_folder_above_holding_Pathway_sln()
    {
        File.WriteAllText(Path.Combine(_folder, "Pathway.sln"), "");
        var contentRoot = Directory.CreateDirectory(Path.Combine(_folder, "src", "Host", "bin")).FullName;

        Assert.Equal(_folder, PathwaySettings.RepositoryRoot(contentRoot, Path.GetTempPath()));
    }

    [Fact]
    public void The_current_directory_is_searched_when_the_content_root_is_not_in_a_repository()
    {
        File.WriteAllText(Path.Combine(_folder, "Pathway.sln"), "");
        var installed = Directory.CreateTempSubdirectory("pathway-installed-").FullName;
        try
        {
            Assert.Equal(_folder, PathwaySettings.RepositoryRoot(installed, _folder));
        }
        finally
        {
            Directory.Delete(installed);
        }
    }

    [Fact]
    public void Outside_any_repository_the_root_is_the_content_root()
    {
        var installed = Directory.CreateDirectory(Path.Combine(_folder, "installed")).FullName;

        Assert.Equal(installed, PathwaySettings.RepositoryRoot(installed, installed));
    }

    [Fact]
    public void Absolute_paths_are_kept()
    {
        var settings = PathwaySettings.Read(Configuration(
            ("Database:ConnectionString", "Data Source=/var/lib/pathway/pathway.db;Cache=Shared"),
            ("DefinitionsFolder", "/etc/pathway/definitions")), _folder);

        Assert.Equal("/var/lib/pathway/pathway.db", new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
        Assert.Equal("/etc/pathway/definitions", settings.DefinitionsFolder);
    }

    [Fact]
    public void The_provider_is_read_in_any_case()
    {
        var settings = PathwaySettings.Read(Configuration(
            ("Database:Provider", "postgres"), ("Database:ConnectionString", "Host=127.0.0.1;Database=pathway")), _folder);

        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Equal("Host=127.0.0.1;Database=pathway", settings.ConnectionString);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public void An_unknown_provider_is_refused_naming_the_setting(string provider)
    {
        var exception = Assert.Throws<PathwayStartupException>(() => PathwaySettings.Read(Configuration(("Database:Provider", provider)), _folder));

        Assert.Equal($"Pathway:Database:Provider is '{provider}': use Sqlite or Postgres.", exception.Message);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_is_refused()
    {
        var exception = Assert.Throws<PathwayStartupException>(() => PathwaySettings.Read(Configuration(("Database:Provider", "Postgres")), _folder));

        Assert.Equal("Pathway:Database:ConnectionString is required when Pathway:Database:Provider is Postgres.", exception.Message);
    }

    [Fact]
    public void Files_below_the_root_are_shown_relative_to_it_and_others_in_full()
    {
        var settings = PathwaySettings.Read(Configuration(), _folder);

        Assert.Equal("definitions/care/v1.json", settings.DisplayPath(Path.Combine(_folder, "definitions", "care", "v1.json")));
        Assert.Equal("/elsewhere/v1.json", settings.DisplayPath("/elsewhere/v1.json"));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Pathway:" + v.Key, v.Value)))
            .Build();
}
