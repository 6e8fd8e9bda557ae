using System.Text.Json;
using Microsoft.Playwright;
using Pathway.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pathway.Host.Tests.Web;

/// <summary>
/// axe-core, run in the page as it stands (the web app's own devDependency, never fetched from the network):
/// no violation of impact serious or critical is allowed (RGAA builds on WCAG 2.1 AA).
/// </summary>
internal static class Axe
{
    private static readonly string Script = RepositoryFile.Path("src/Host/WebApp/node_modules/axe-core/axe.min.js");

    public static async Task AssertAccessibleAsync(IPage page, ITestOutputHelper output)
    {
        if (!File.Exists(Script))
            throw new InvalidOperationException($"No {Script}: build the host (it runs npm ci in src/Host/WebApp).");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Script });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
              return results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary) }));
            }
            """);
        var violations = result.EnumerateArray().Select(v =>
            $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()}\n    " +
            string.Join("\n    ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))).ToList();
        foreach (var violation in violations) output.WriteLine($"axe on {page.Url}: {violation}");
        Assert.True(violations.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", violations));
    }
}
