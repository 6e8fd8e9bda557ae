using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests;

/// <summary>The host run as a process: when it refuses to start it says why and exits with code 1.</summary>
public sealed class RefusalTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_invalid_definition_prints_file_pointer_message_and_exits_1()
    {
        var file = _folder.WriteDefinitionFile("minimal/v1.json", Examples.Minimal(endType: "Fin"));

        var (exit, output, error) = await RunHostAsync();

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:/activities/1/type: Activity type 'Fin' does not exist", output);
        Assert.Contains("Pathway does not start: 1 problem(s) in the definitions folder, listed above.", error);
    }

    [Fact]
    public async Task An_unknown_database_provider_is_named_and_exits_1()
    {
        var (exit, _, error) = await RunHostAsync(("Pathway__Database__Provider", "Oracle"));

        Assert.Equal(1, exit);
        Assert.Equal("Pathway:Database:Provider is 'Oracle': use Sqlite or Postgres.", error.Trim());
    }

    private async Task<(int Exit, string Output, string Error)> RunHostAsync(params (string Name, string Value)[] environment)
    {
        var settings = new Dictionary<string, string>
        {
            ["Pathway:DefinitionsFolder"] = _folder.Definitions,
            ["Pathway:Database:ConnectionString"] = $"Data Source={_folder.DatabaseFile}",
        };
        foreach (var (name, value) in environment) settings[name] = value;

        using var host = HostProcess.Start(_folder.Root, settings);
        var exit = await host.ExitCodeAsync(TimeSpan.FromSeconds(60));
        return (exit, host.Output, host.Error);
    }
}
