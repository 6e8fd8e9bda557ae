using System.Net;
using System.Text.Json;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Records;

/// <summary>The list of files: filters on stage, status, partner and overdue; pages; a partner sees its files only.</summary>
public sealed class FileListTests
{
    private static IReadOnlyList<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(f => f.Text("id")).ToList();

    private static async Task<List<string>> OpenFilesAsync(PathwayRun run, int count)
    {
        var desk = await run.ClientAsAsync("accueil");
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await Intakes.OpenFileAsync(desk, Intakes.Valid(givenName: "Minor" + (char)('A' + i))));
        return ids;
    }

    [Fact]
    public async Task A_file_in_the_list_says_where_it_stands_without_personal_data()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var fileId = (await OpenFilesAsync(run, 1)).Single();
        var coordinator = await run.ClientAsAsync("coordinatrice");

        var page = await coordinator.GetJsonAsync("/api/files");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(fileId, item.Text("id"));
        Assert.Equal("running", item.Text("status"));
        var stage = Assert.Single(item.GetProperty("stages").EnumerateArray());
        Assert.Equal(("evaluation", "Évaluation"), (stage.Text("id"), stage.Text("label")));
        Assert.Equal(1, item.GetProperty("openTasks").GetInt32());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.True(item.GetProperty("nextDueAt").GetDateTime() > DateTime.UtcNow.AddMonths(2));
        Assert.DoesNotContain(Intakes.FamilyName, page.GetRawText());
        Assert.Empty(await run.QueryAsync(c => Task.FromResult(c.AccessJournal.ToList())));
    }

    [Fact]
    public async Task Pages_hold_at_most_pageSize_files_and_say_the_total()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var opened = await OpenFilesAsync(run, 5);
        var coordinator = await run.ClientAsAsync("coordinatrice");

        var first = await coordinator.GetJsonAsync("/api/files?pageSize=2");
        var second = await coordinator.GetJsonAsync("/api/files?pageSize=2&page=2");
        var last = await coordinator.GetJsonAsync("/api/files?pageSize=2&page=3");

        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal((2, 2, 1), (Ids(first).Count, Ids(second).Count, Ids(last).Count));
        Assert.Equal(opened.Order(), Ids(first).Concat(Ids(second)).Concat(Ids(last)).Order());
    }

    [Theory]
    [InlineData("pageSize=500", "pageSize", "Attendu un nombre entier de 1 à 200.")]
    [InlineData("page=0", "page", "Attendu un nombre entier de 1 à 1000000.")]
    [InlineData("status=ouvert", "status", "Valeur non reconnue : running, completed, cancelled, faulted.")]
    [InlineData("overdue=oui", "overdue", "Attendu true ou false.")]
    [InlineData("partner=inconnu", "partner", "Partenaire inconnu.")]
    public async Task Bad_filters_are_refused_in_French(string query, string field, string message)
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var coordinator = await run.ClientAsAsync("coordinatrice");

        var errors = await Intakes.ErrorsAsync(await coordinator.GetAsync("/api/files?" + query));

        Assert.Equal([message], errors[field]);
    }

    [Fact]
    public async Task Filters_on_stage_status_and_partner()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var (waiting, atParquet, closed) = (await OpenFilesAsync(run, 3)) switch { var f => (f[0], f[1], f[2]) };
        await run.CompleteAsync("crip-93", atParquet, "danger");
        await run.CompleteAsync("crip-93", closed, "sans-danger");
        var coordinator = await run.ClientAsAsync("coordinatrice");

        Assert.Equal([waiting], Ids(await coordinator.GetJsonAsync("/api/files?stage=evaluation&status=running")));
        Assert.Equal([atParquet], Ids(await coordinator.GetJsonAsync("/api/files?stage=decision")));
        Assert.Equal([closed], Ids(await coordinator.GetJsonAsync("/api/files?status=completed")));
        Assert.Equal([atParquet], Ids(await coordinator.GetJsonAsync("/api/files?partner=parquet-difaje")));
        Assert.Equal([waiting], Ids(await coordinator.GetJsonAsync("/api/files?partner=crip-93")));
    }

    [Fact]
    public async Task Overdue_files_are_those_with_an_open_task_past_its_due_time()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition(deadline: "PT2S"));
        var (late, answered) = (await OpenFilesAsync(run, 2)) switch { var f => (f[0], f[1]) };
        await run.CompleteAsync("crip-93", answered, "sans-danger");
        var coordinator = await run.ClientAsAsync("coordinatrice");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var overdue = await coordinator.GetJsonAsync("/api/files?overdue=true");
        var notOverdue = await coordinator.GetJsonAsync("/api/files?overdue=false");

        Assert.Equal([late], Ids(overdue));
        Assert.True(overdue.GetProperty("items")[0].GetProperty("overdue").GetBoolean());
        Assert.Equal([answered], Ids(notOverdue));
    }

    [Fact]
    public async Task A_partner_lists_only_the_files_where_it_has_or_had_a_task()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var (first, second) = (await OpenFilesAsync(run, 2)) switch { var f => (f[0], f[1]) };
        await run.CompleteAsync("crip-93", second, "danger");

        var crip = await (await run.ClientAsAsync("partenaire-crip-93")).GetJsonAsync("/api/files");
        var parquet = await (await run.ClientAsAsync("partenaire-parquet-difaje")).GetJsonAsync("/api/files");
        var ase = await (await run.ClientAsAsync("partenaire-ase-93")).GetJsonAsync("/api/files");

        Assert.Equal(new[] { first, second }.Order(), Ids(crip).Order());
        Assert.Equal([second], Ids(parquet));
        Assert.Empty(Ids(ase));
        // Its task on the second file is closed: it still sees the file, with no open task of its own, and no stage:
        // a partner sees the file stand where its own open tasks stand, not where the whole file does.
        var answered = crip.GetProperty("items").EnumerateArray().Single(f => f.Text("id") == second);
        Assert.Equal(0, answered.GetProperty("openTasks").GetInt32());
        Assert.Empty(answered.GetProperty("stages").EnumerateArray());
        Assert.Equal("decision", Assert.Single(parquet.GetProperty("items")[0].GetProperty("stages").EnumerateArray()).Text("id"));
    }

    [Fact]
    public async Task A_partner_filters_on_its_own_tasks_and_learns_nothing_of_other_partners()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var (first, second) = (await OpenFilesAsync(run, 2)) switch { var f => (f[0], f[1]) };
        await run.CompleteAsync("crip-93", second, "danger");
        var crip = await run.ClientAsAsync("partenaire-crip-93");

        Assert.Empty(Ids(await crip.GetJsonAsync("/api/files?partner=parquet-difaje")));
        Assert.Empty(Ids(await crip.GetJsonAsync("/api/files?stage=decision")));
        Assert.Equal([first], Ids(await crip.GetJsonAsync("/api/files?stage=evaluation")));
        Assert.Equal([first], Ids(await crip.GetJsonAsync("/api/files?partner=crip-93")));
    }

    [Theory]
    [InlineData("observatoire")]
    [InlineData("accueil")]
    [InlineData("pilote")]
    public async Task Roles_without_files_are_refused(string user)
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder, ShortPathway.Definition());
        var client = await run.ClientAsAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/files")).StatusCode);
    }
}
