using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Pathway.Benchmarks;

/// <summary>
/// How long the designer takes to open a 200-activity definition in headless Chromium: from the navigation to the
/// editor's address until every activity of the canvas is in the page, measured by the page's own clock
/// (performance.now(), whose origin is the navigation). The host runs as a process of its own (the built
/// src/Host, Development, SQLite in a temporary folder) with the generated definition published from its folder.
/// </summary>
internal static class DesignerBenchmark
{
    private const string DefinitionId = "bench-200";
    private const int Activities = 200;
    private const int Runs = 9;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Repository.Root;
        var folder = Directory.CreateTempSubdirectory("pathway-designer-bench-");
        Process? host = null;
        try
        {
            var definitions = Path.Combine(folder.FullName, "definitions");
            Directory.CreateDirectory(Path.Combine(definitions, DefinitionId));
            File.Copy(Path.Combine(root, "definitions", "partners.json"), Path.Combine(definitions, "partners.json"));
            File.WriteAllText(Path.Combine(definitions, DefinitionId, "v1.json"), Generate().ToJsonString());

            var port = FreePort();
            host = StartHost(root, folder.FullName, definitions, port);
            var address = $"http://127.0.0.1:{port}";
            await WaitForHealthAsync(address, host);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("PATHWAY_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = address,
                ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
                Locale = "fr-FR",
            });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Julien Moreau" }).ClickAsync();
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).WaitForAsync();

            var times = new List<double>();
            for (var run = 0; run <= Runs; run++)
            {
                await page.GotoAsync($"/conception/{DefinitionId}/1", new() { WaitUntil = WaitUntilState.Commit });
                var rendered = await page.WaitForFunctionAsync($$"""
                    () => {
                      const nodes = document.querySelectorAll('.react-flow__node-activity')
                      if (nodes.length !== {{Activities}}) return false
                      // xyflow keeps a node hidden until it has measured it
                      for (const node of nodes) if (node.style.visibility === 'hidden') return false
                      return performance.now()
                    }
                    """, null, new() { PollingInterval = null });
                var milliseconds = await rendered.JsonValueAsync<double>();
                Console.WriteLine(run == 0 ? $"first open (cold cache): {milliseconds:F0} ms" : $"run {run}: {milliseconds:F0} ms");
                if (run > 0) times.Add(milliseconds);
            }
            times.Sort();
            Console.WriteLine($"designer: {Activities} activities, median of {Runs} warm opens {times[Runs / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0})");
            return 0;
        }
        finally
        {
            if (host is { HasExited: false })
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A valid definition of 200 activities over eight stages: a Start, partner tasks with deadlines and the fields
    /// they send, a decision every tenth activity, an End; each activity leads to the next.
    /// </summary>
    private static JsonObject Generate()
    {
        var stages = new JsonArray();
        for (var s = 1; s <= 8; s++) stages.Add(new JsonObject { ["id"] = $"etape-{s}", ["name"] = $"Étape {s}" });
        var activities = new JsonArray();
        var connections = new JsonArray();
        string Id(int i) => i == 0 ? "debut" : i == Activities - 1 ? "fin" : $"activite-{i}";
        for (var i = 0; i < Activities; i++)
        {
            var stage = $"etape-{Math.Min(8, 1 + i * 8 / Activities)}";
            if (i == 0) activities.Add(new JsonObject { ["id"] = Id(i), ["type"] = "Start", ["stage"] = stage });
            else if (i == Activities - 1) activities.Add(new JsonObject { ["id"] = Id(i), ["type"] = "End", ["stage"] = stage });
            else if (i % 10 == 0)
                activities.Add(new JsonObject
                {
                    ["id"] = Id(i), ["type"] = "Decision", ["displayName"] = $"Danger immédiat ? ({i})", ["stage"] = stage,
                    ["inputs"] = new JsonObject { ["condition"] = JsonNode.Parse("""{ "==": [ { "var": "danger" }, true ] }""") },
                });
            else
                activities.Add(new JsonObject
                {
                    ["id"] = Id(i), ["type"] = "PartnerTask", ["displayName"] = $"Demande n° {i}", ["stage"] = stage,
                    ["inputs"] = new JsonObject
                    {
                        ["partner"] = "crip-93", ["title"] = $"Demande n° {i}", ["outcomes"] = new JsonArray("fait"),
                        ["deadline"] = new JsonObject { ["duration"] = "P5D", ["counting"] = "workingDays", ["legalBasis"] = "Protocole" },
                        ["fields"] = new JsonArray("prenom"),
                    },
                });
            if (i == Activities - 1) continue;
            string[] outcomes = i == 0 ? ["done"] : i % 10 == 0 ? ["true", "false"] : ["fait", "declined"];
            foreach (var outcome in outcomes)
                connections.Add(new JsonObject { ["source"] = Id(i), ["outcome"] = outcome, ["target"] = Id(i + 1) });
        }
        return new JsonObject
        {
            ["id"] = DefinitionId, ["version"] = 1, ["name"] = "Banc d'essai : 200 activités",
            ["stages"] = stages,
            ["variables"] = JsonNode.Parse("""[ { "name": "prenom", "type": "text" }, { "name": "danger", "type": "boolean", "default": false } ]"""),
            ["activities"] = activities, ["connections"] = connections,
        };
    }

    private static Process StartHost(string root, string scratch, string definitions, int port)
    {
        var binary = Path.Combine(root, "src/Host/bin/Release/net10.0/Pathway.Host.dll");
        if (!File.Exists(binary)) throw new InvalidOperationException($"No {binary}: build src/Host in Release first (./bench.sh designer does).");
        var start = new ProcessStartInfo("dotnet", [binary, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(binary)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Pathway__DefinitionsFolder"] = definitions,
            ["Pathway__Database__Provider"] = "Sqlite",
            ["Pathway__Database__ConnectionString"] = $"Data Source={Path.Combine(scratch, "pathway.db")}",
            ["Pathway__Protection__Keys__bench"] = Key(),
            ["Pathway__Protection__CurrentKey"] = "bench",
            ["Pathway__Protection__IndexKey"] = Key(),
            ["Pathway__Protection__PseudonymKey"] = Key(),
        };
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"host: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(string address, Process host)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (host.HasExited) throw new InvalidOperationException($"The host exited with code {host.ExitCode}.");
            try
            {
                if ((await http.GetAsync($"{address}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The host did not become ready within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class Repository
{
    /// <summary>The repository's root: the first folder above the binary that holds the definitions and the host.</summary>
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (Directory.Exists(Path.Combine(folder.FullName, "definitions")) && Directory.Exists(Path.Combine(folder.FullName, "src/Host")))
                    return folder.FullName;
            throw new InvalidOperationException("Run the benchmark from within the repository.");
        }
    }
}
