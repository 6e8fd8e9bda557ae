using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Observatory;

/// <summary>The indicators' queries also run on the embedded default's SQLite database.</summary>
public sealed class SqliteStatisticsTests
{
    [Fact]
    public async Task Statistics_and_the_export_answer_on_sqlite()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        await run.Services.GetRequiredService<CareFileRunner>().StartAsync("minor-protection-pathway", "SQL-1", new StartFile("start", "test"));
        var client = await run.ClientAsAsync("observatoire");
        // The month in Paris, as the statistics count it (near midnight on a month's last day, UTC is a month behind).
        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(Interpreter.Paris).Date;
        var thisMonth = $"{today.Year:D4}-{today.Month:D2}";

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/observatory/statistics?from={thisMonth}&to={thisMonth}");
        var export = await client.GetAsync($"/api/observatory/export/{today.Year}");

        Assert.Equal(JsonValueKind.Null, report.GetProperty("filesOpened")[0].GetProperty("count").ValueKind);   // one file: withheld
        Assert.Contains(report.GetProperty("timePerStage").EnumerateArray(), s => s.GetProperty("stage").GetString() == "mesures");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(2, (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
