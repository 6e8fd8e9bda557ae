using Pathway.Host.Cli;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// Runs <c>broker provision</c> in-process on a scratch vhost, with a temporary folder for the administrator's
/// password file, registries and passwords files.
/// </summary>
internal sealed class ProvisionCommand : IDisposable
{
    private readonly ScratchVhost _vhost;

    public ProvisionCommand(ScratchVhost vhost)
    {
        _vhost = vhost;
        AdminPasswordFile = File(Guid.NewGuid().ToString("N") + ".admin", TestBroker.AdminPassword + "\n");
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("pathway-broker-").FullName;

    public string AdminPasswordFile { get; }

    /// <summary>A path in the folder, the file not created.</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Writes a file in the folder; returns its path.</summary>
    public string File(string name, string text)
    {
        var path = PathOf(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary><c>broker provision</c> with the scratch vhost's URL, administrator and vhost, then <paramref name="options"/>.</summary>
    public Task<Result> RunAsync(string registry, params string[] options) =>
        RunRawAsync([
            "broker", "provision",
            "--management-url", TestBroker.Management.AbsoluteUri,
            "--user", TestBroker.AdminUser,
            "--password-file", AdminPasswordFile,
            "--vhost", _vhost.Name,
            "--registry", registry,
            .. options,
        ]);

    public static async Task<Result> RunRawAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = await CommandLine.RunAsync(args, output, error);
        return new Result(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public sealed record Result(int Exit, string Output, string Error);
}
