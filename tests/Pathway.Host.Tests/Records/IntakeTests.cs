using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Records;

/// <summary>An intake opens a file on the latest published version, with the intake's data in the variables that
/// version declares, and says which files are about the same minor.</summary>
public sealed class IntakeTests
{
    [Fact]
    public async Task An_intake_opens_a_file_on_the_latest_version_of_the_pathway_with_the_minor_in_its_variables()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var desk = await run.ClientAsAsync("accueil");

        var opened = await Intakes.OpenAsync(desk);

        var fileId = opened.GetProperty("fileId").GetString()!;
        Assert.Equal("minor-protection-pathway", opened.GetProperty("definitionId").GetString());
        Assert.Equal(2, opened.GetProperty("version").GetInt32());
        var variables = await run.VariablesAsync(fileId);
        Assert.Equal(Intakes.GivenName, variables["prenom"]!.GetValue<string>());
        Assert.Equal(Intakes.FamilyName, variables["nom"]!.GetValue<string>());
        Assert.Equal(Intakes.BirthDate, variables["dateNaissance"]!.GetValue<string>());
        Assert.Equal(Intakes.Date(DateOnly.Parse(Intakes.BirthDate, CultureInfo.InvariantCulture).AddYears(18)), variables["dateMajorite"]!.GetValue<string>());
        Assert.Equal("information-preoccupante", variables["origine"]!.GetValue<string>());
        Assert.Equal($"{Intakes.ReporterName} ({Intakes.ReporterOrganisation})", variables["emetteur"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_file_id_is_the_year_and_random_characters_nothing_of_the_minor()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var desk = await run.ClientAsAsync("accueil");

        var first = await Intakes.OpenFileAsync(desk);
        var second = await Intakes.OpenFileAsync(desk, Intakes.Valid(givenName: "Ysaline"));

        Assert.Matches($"^{DateTime.UtcNow.Year}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{{8}}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_intake_is_kept_with_the_file_and_the_engine_journal_says_who_opened_it()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var desk = await run.ClientAsAsync("accueil");

        var fileId = await Intakes.OpenFileAsync(desk);

        var intake = await run.QueryAsync(c => c.Intakes.SingleAsync(i => i.FileId == fileId));
        Assert.Equal("eleve", intake.DangerLevel);
        Assert.Equal(Intakes.Today.AddDays(-2), intake.ReceivedAt);
        Assert.Equal("user:accueil", intake.CreatedBy);
        var minor = JsonDocument.Parse(intake.Minor).RootElement;
        Assert.Equal(Intakes.GivenName, minor.GetProperty("givenName").GetString());
        Assert.Equal(Intakes.Address, minor.GetProperty("address").GetString());
        Assert.Equal(Intakes.ReporterEmail, JsonDocument.Parse(intake.Reporter).RootElement.GetProperty("email").GetString());
        var opening = await run.QueryAsync(c => c.Journal.Where(j => j.FileId == fileId).OrderBy(j => j.Sequence).FirstAsync());
        Assert.Equal("user:accueil", opening.Actor);
    }

    [Fact]
    public async Task The_file_starts_with_only_the_variables_its_version_declares()
    {
        using var folder = ShortPathway.Folder();
        await using var run = ShortPathway.Host(folder,
            ShortPathway.Definition(1),
            ShortPathway.Definition(2, variables: """{ "name": "prenom", "type": "text" }, { "name": "nom", "type": "text" }, { "name": "dateNaissance", "type": "date" }"""));
        var desk = await run.ClientAsAsync("accueil");

        var opened = await Intakes.OpenAsync(desk);

        Assert.Equal(2, opened.GetProperty("version").GetInt32());
        var variables = await run.VariablesAsync(opened.GetProperty("fileId").GetString()!);
        Assert.Equal(["dateNaissance", "nom", "prenom"], variables.Select(v => v.Key).Order());
    }

    [Fact]
    public async Task The_same_minor_typed_otherwise_is_an_exact_duplicate_flagged_on_both_files_never_merged()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var desk = await run.ClientAsAsync("accueil");
        var coordinator = await run.ClientAsAsync("coordinatrice");
        var first = await Intakes.OpenFileAsync(desk);

        var second = await Intakes.OpenAsync(desk, Intakes.Valid(givenName: "ZELINDRA", familyName: "marchetti oyelaran", origin: "signalement"));

        var secondId = second.GetProperty("fileId").GetString()!;
        Assert.NotEqual(first, secondId);
        var flagged = Assert.Single(second.GetProperty("duplicates").EnumerateArray());
        Assert.Equal(first, flagged.GetProperty("fileId").GetString());
        Assert.Equal("exact", flagged.GetProperty("match").GetString());
        var back = Assert.Single((await coordinator.GetJsonAsync($"/api/files/{first}")).GetProperty("duplicates").EnumerateArray());
        Assert.Equal(secondId, back.GetProperty("fileId").GetString());
        Assert.Equal("exact", back.GetProperty("match").GetString());
        Assert.Equal(2, await run.QueryAsync(c => c.Files.CountAsync()));
    }

    [Fact]
    public async Task Same_family_name_and_birth_date_with_another_given_name_is_a_probable_duplicate_both_ways()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var desk = await run.ClientAsAsync("accueil");
        var coordinator = await run.ClientAsAsync("coordinatrice");
        var first = await Intakes.OpenFileAsync(desk);

        var second = await Intakes.OpenAsync(desk, Intakes.Valid(givenName: "Zély"));

        var secondId = second.GetProperty("fileId").GetString()!;
        Assert.Equal("probable", Assert.Single(second.GetProperty("duplicates").EnumerateArray()).GetProperty("match").GetString());
        var back = Assert.Single((await coordinator.GetJsonAsync($"/api/files/{first}")).GetProperty("duplicates").EnumerateArray());
        Assert.Equal((secondId, "probable"), (back.GetProperty("fileId").GetString(), back.GetProperty("match").GetString()));
        var list = await coordinator.GetJsonAsync("/api/files");
        Assert.All(list.GetProperty("items").EnumerateArray(), f => Assert.Equal(1, f.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task Another_minor_is_no_duplicate()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var desk = await run.ClientAsAsync("accueil");
        await Intakes.OpenFileAsync(desk);

        var other = await Intakes.OpenAsync(desk, Intakes.Valid(familyName: "Marchetti"));

        Assert.Empty(other.GetProperty("duplicates").EnumerateArray());
    }
}
