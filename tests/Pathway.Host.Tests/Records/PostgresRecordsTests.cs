using System.Net;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Testing;

namespace Pathway.Host.Tests.Records;

/// <summary>Production runs on PostgreSQL: the same intake, list, detail and timeline queries, there.</summary>
public sealed class PostgresRecordsTests
{
    [Fact]
    public async Task Intake_duplicates_filters_and_the_partner_scope_work_on_PostgreSQL()
    {
        await using var database = await ScratchPostgres.CreateAsync("pathway_records");
        using var folder = ShortPathway.Folder();
        folder.WriteDefinitionFile($"{ShortPathway.Id}/v1.json", ShortPathway.Definition());
        await using var run = new PathwayRun(folder, database.ConnectionString,
            new Dictionary<string, string> { [Pathway.Host.Intake.IntakeEndpoints.DefinitionSetting] = ShortPathway.Id });
        var desk = await run.ClientAsAsync("accueil");
        var first = await Intakes.OpenFileAsync(desk);
        var second = await Intakes.OpenAsync(desk, Intakes.Valid(givenName: "Zély"));
        var secondId = second.Text("fileId");
        await run.CompleteAsync("crip-93", secondId, "danger");
        var coordinator = await run.ClientAsAsync("coordinatrice");

        var atParquet = await coordinator.GetJsonAsync("/api/files?stage=decision&status=running&overdue=false&partner=parquet-difaje");
        var detail = await coordinator.GetJsonAsync($"/api/files/{first}");
        var parquet = await run.ClientAsAsync("partenaire-parquet-difaje");
        var parquetList = await parquet.GetJsonAsync("/api/files");
        var timeline = await parquet.GetJsonAsync($"/api/files/{secondId}/timeline");

        Assert.Equal("probable", Assert.Single(second.GetProperty("duplicates").EnumerateArray()).Text("match"));
        Assert.Equal([secondId], atParquet.GetProperty("items").EnumerateArray().Select(f => f.Text("id")));
        Assert.Equal(secondId, Assert.Single(detail.GetProperty("duplicates").EnumerateArray()).Text("fileId"));
        Assert.Equal(Intakes.FamilyName, detail.GetProperty("identity").Text("familyName"));
        Assert.Equal([secondId], parquetList.GetProperty("items").EnumerateArray().Select(f => f.Text("id")));
        Assert.All(timeline.GetProperty("items").EnumerateArray(), i => Assert.Equal("decider", i.Text("activityId")));
        Assert.Equal(HttpStatusCode.NotFound, (await parquet.GetAsync($"/api/files/{first}")).StatusCode);
    }
}
