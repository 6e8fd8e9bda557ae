using System.Diagnostics;
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
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Pathway.Host.dll") },
            WorkingDirectory = _folder.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Pathway__DefinitionsFolder"] = _folder.Definitions;
        start.Environment["Pathway__Database__ConnectionString"] = $"Data Source={_folder.DatabaseFile}";
        // Should the host start after all, it must not take the port of a Pathway running here.
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The host did not exit within 60 s.");
        }

        return (process.ExitCode, await output, await error);
    }
}
