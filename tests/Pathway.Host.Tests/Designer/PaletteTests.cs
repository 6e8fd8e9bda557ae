using System.Net.Http.Json;
using System.Text.Json;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Designer;

/// <summary>The palette (activity types with their inputs and outcomes, in French) and the partner registry.</summary>
public sealed class PaletteTests
{
    [Fact]
    public async Task The_catalogue_describes_PartnerTask_with_its_inputs_kinds_and_outcomes()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var client = await run.ClientAsAsync("pilote");

        var palette = (await client.GetFromJsonAsync<JsonElement>("/api/catalogue")).EnumerateArray().ToList();

        var task = palette.Single(a => a.GetProperty("type").GetString() == "PartnerTask");
        Assert.Equal("Demande à un partenaire", task.GetProperty("label").GetString());
        Assert.Equal("Partenaires", task.GetProperty("category").GetString());
        Assert.True(task.GetProperty("blocking").GetBoolean());
        var inputs = task.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal("partner", inputs["partner"].GetProperty("kind").GetString());
        Assert.True(inputs["partner"].GetProperty("required").GetBoolean());
        Assert.Equal("Partenaire", inputs["partner"].GetProperty("label").GetString());
        Assert.Equal("deadline", inputs["deadline"].GetProperty("kind").GetString());
        Assert.Equal("variableList", inputs["fields"].GetProperty("kind").GetString());
        Assert.Equal("outcomeNames", inputs["outcomes"].GetProperty("kind").GetString());
        var declined = Assert.Single(task.GetProperty("outcomes").EnumerateArray());
        Assert.Equal(("declined", "Refusée"), (declined.GetProperty("name").GetString(), declined.GetProperty("label").GetString()));
        Assert.True(task.GetProperty("dynamicOutcomes").GetBoolean());
        Assert.Equal(["outcomes"], task.GetProperty("outcomesFrom").EnumerateArray().Select(o => o.GetString()));
        var decision = palette.Single(a => a.GetProperty("type").GetString() == "Decision");
        Assert.Equal("condition", decision.GetProperty("inputs")[0].GetProperty("kind").GetString());
        var @switch = palette.Single(a => a.GetProperty("type").GetString() == "Switch");
        Assert.Equal(["default"], @switch.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_partners_are_the_registry_with_names_and_roles()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var client = await run.ClientAsAsync("coordinatrice");

        var partners = (await client.GetFromJsonAsync<JsonElement>("/api/partners")).EnumerateArray().ToList();

        var crip = partners.Single(p => p.GetProperty("id").GetString() == "crip-93");
        Assert.StartsWith("Cellule de recueil des informations préoccupantes", crip.GetProperty("name").GetString());
        Assert.Equal("crip", crip.GetProperty("role").GetString());
        Assert.Equal(["id", "name", "role"], crip.EnumerateObject().Select(p => p.Name));
    }
}
