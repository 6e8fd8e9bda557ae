using System.Net;
using Microsoft.Extensions.Logging;
using Pathway.Host.Access;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Access;

/// <summary>What the host does at start-up about sign-in, run as it is deployed.</summary>
public sealed class SignInStartupTests : IDisposable
{
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Wrong_habilitations_refuse_the_start_with_the_problem_and_exit_1()
    {
        using var host = HostProcess.Start(_folder.Root, new Dictionary<string, string>
        {
            ["Pathway:DefinitionsFolder"] = _folder.Definitions,
            ["Pathway:Database:ConnectionString"] = $"Data Source={_folder.DatabaseFile}",
            ["Pathway:Access:Habilitations:0:Uid"] = "camille.martin",
            ["Pathway:Access:Habilitations:0:Roles:0"] = "administrator",
        });

        var exit = await host.ExitCodeAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        Assert.Contains("Pathway:Access:Habilitations:0:Roles: 'administrator' is not a role", host.Error);
    }

    [Fact]
    public async Task Outside_Development_without_a_provider_the_host_serves_warns_once_and_answers_401()
    {
        await using var run = new PathwayRun(_folder, settings: new Dictionary<string, string> { ["environment"] = "Production" });
        var client = run.CreateClient();

        var session = await client.GetAsync("/api/session");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Single(run.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(SignInSettings.Section + ":Authority is not configured"));
    }

    [Fact]
    public async Task In_Development_without_a_provider_nothing_is_said_the_development_sign_in_serves()
    {
        await using var run = new PathwayRun(_folder);

        var client = await run.ClientAsAsync("pilote");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session")).StatusCode);
        Assert.DoesNotContain(run.Log.Entries, e => e.Message.Contains(SignInSettings.Section + ":Authority is not configured"));
    }
}
