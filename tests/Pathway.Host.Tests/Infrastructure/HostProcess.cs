using System.Diagnostics;
using System.Text;

namespace Pathway.Host.Tests.Infrastructure;

/// <summary>
/// The Pathway host as a separate process (Pathway.Host.dll beside the tests): to see what it prints and how it
/// exits, or to kill it like a crash.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private HostProcess(Process process) => _process = process;

    /// <summary>What it printed on standard output so far.</summary>
    public string Output => Read(_output);

    /// <summary>What it printed on standard error so far.</summary>
    public string Error => Read(_error);

    /// <param name="settings">Configuration keys (<c>Pathway:Database:Provider</c>) or environment names (<c>Pathway__…</c>).</param>
    public static HostProcess Start(string workingDirectory, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Pathway.Host.dll") },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Should the host serve, it must not take the port of a Pathway running here.
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in TestKeys.Settings.Concat(TestLimits.Settings).Concat(settings)) start.Environment[key.Replace(":", "__")] = value;
        var host = new HostProcess(Process.Start(start)!);
        host._process.OutputDataReceived += (_, line) => Append(host._output, line.Data);
        host._process.ErrorDataReceived += (_, line) => Append(host._error, line.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Its exit code, once it exited by itself; the test fails if it has not within <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"The host did not exit within {timeout.TotalSeconds:F0} s.");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flush, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null) return;
        lock (text) text.AppendLine(line);
    }

    private static string Read(StringBuilder text)
    {
        lock (text) return text.ToString();
    }
}
