using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pathway.Host.Protection;
using Pathway.Host.Setup;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Protection;

/// <summary>
/// Without configured keys the host refuses to start, except in Development, where it generates its keys once
/// beside the SQLite database and keeps them. The host is built as Program builds it, without the tests' keys.
/// </summary>
public sealed class KeysAtStartupTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string KeysFile => Path.Combine(Path.GetDirectoryName(_folder.DatabaseFile)!, "pathway-keys.json");

    [Fact]
    public void Outside_Development_the_host_refuses_to_start_without_keys_and_says_which()
    {
        var refused = Assert.Throws<PathwayStartupException>(() => Builder(Environments.Production).AddPathway());

        Assert.StartsWith("Pathway:Protection:Keys is not configured: personal data cannot be encrypted.", refused.Message);
        Assert.Contains("docs/protection.md", refused.Message);
        Assert.False(File.Exists(KeysFile));
    }

    [Fact]
    public void Outside_Development_a_key_of_the_wrong_length_is_refused_by_name()
    {
        var refused = Assert.Throws<PathwayStartupException>(() => Builder(Environments.Production,
            "--Pathway:Protection:Keys:k1=" + Convert.ToBase64String(new byte[16]), "--Pathway:Protection:CurrentKey=k1").AddPathway());

        Assert.Equal("Pathway:Protection:Keys:k1 must be 32 bytes in base64.", refused.Message);
    }

    [Fact]
    public async Task In_Development_the_host_generates_its_keys_once_and_keeps_them()
    {
        var first = await StartAndStopAsync();
        var written = await File.ReadAllTextAsync(KeysFile);
        var second = await StartAndStopAsync();

        Assert.Equal(first.Protector, second.Protector);
        Assert.Equal(first.IndexKey, second.IndexKey);
        Assert.Equal(first.PseudonymKey, second.PseudonymKey);
        Assert.Equal(written, await File.ReadAllTextAsync(KeysFile));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysFile));
    }

    /// <summary>Starts a Development host on the folder, as Program does, and stops it; returns its keys.</summary>
    private async Task<ProtectionKeys> StartAndStopAsync()
    {
        var builder = Builder(Environments.Development);
        builder.AddPathway();
        await using var app = builder.Build();
        app.MapPathway();
        await app.StartAsync();
        var keys = app.Services.GetRequiredService<ProtectionKeys>();
        // The database the host opened encrypts with those keys.
        Assert.Equal(keys.Protector, app.Services.GetRequiredService<PathwayDatabase>().Protector);
        await app.StopAsync();
        return keys;
    }

    private WebApplicationBuilder Builder(string environment, params string[] settings) => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        EnvironmentName = environment,
        ContentRootPath = AppContext.BaseDirectory,
        Args =
        [
            $"--Pathway:DefinitionsFolder={_folder.Definitions}",
            $"--Pathway:Database:ConnectionString=Data Source={_folder.DatabaseFile}",
            "--Urls=http://127.0.0.1:0",
            .. settings,
        ],
    });
}
