using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Protection;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Observatory;

/// <summary>The yearly pseudonymised export (décret 2016-1966 model), on the files of <see cref="ObservatoryScenario"/>.</summary>
public sealed class PseudonymisedExportTests(ObservatoryScenario scenario) : IClassFixture<ObservatoryScenario>
{
    [Fact]
    public async Task Each_file_opened_that_year_is_a_line_without_names_addresses_dates_of_birth_or_file_ids()
    {
        var (header, lines, text) = await ExportAsync(2026);

        Assert.Equal(9, lines.Count);
        Assert.Equal("Pseudonyme", header[0]);
        Assert.Equal("Année de naissance", header[1]);
        foreach (var plaintext in new[] { "Inès", "INES", "N'Diaye", "NDIAYE", "Lefèvre", "Traoré", "Lilas", "Bobigny", "2011-05-14", "OBS-" })
            Assert.DoesNotContain(plaintext, text, StringComparison.OrdinalIgnoreCase);
        var first = lines.Single(l => l[0] == Pseudonym(scenario.Run.Services.GetRequiredService<Pseudonyms>()) && l[5] == "2026-03");
        Assert.Equal("2011", first[1]);
        Assert.Equal("signalement", first[2]);
        Assert.Equal("2026-02", first[4]);
        Assert.Equal("5", first[6]);      // 2 days to the OPP, signalled 3 days before opening
        Assert.Equal("opp", first[7]);
        Assert.Equal("ouverture, evaluation, parquet, fugue", first[8]);
        Assert.Equal("2", first[9]);
        Assert.Equal("en-cours", first[10]);
        Assert.Empty(lines.Single(l => l[0] == "")[1]);   // A6 has no intake: no pseudonym, no birth year
        Assert.Empty(await ExportAsync(2025).ContinueWith(t => t.Result.Lines));
    }

    [Fact]
    public async Task The_same_minor_has_the_same_pseudonym_on_two_files_and_another_key_gives_another()
    {
        var (_, lines, _) = await ExportAsync(2026);
        var keys = scenario.Run.Services.GetRequiredService<ProtectionKeys>();

        var pseudonym = Pseudonym(scenario.Run.Services.GetRequiredService<Pseudonyms>());
        Assert.Equal(["2026-03", "2026-04"], lines.Where(l => l[0] == pseudonym).Select(l => l[5]).Order());
        Assert.Equal(8, lines.Count(l => l[0] != ""));
        Assert.Equal(7, lines.Where(l => l[0] != "").Select(l => l[0]).Distinct().Count());
        var otherKey = keys with { PseudonymKey = RandomNumberGenerator.GetBytes(ProtectionKeys.KeyBytes) };
        Assert.NotEqual(pseudonym, Pseudonym(new Pseudonyms(otherKey)));
        var minor = ObservatoryScenario.FirstMinor;
        Assert.NotEqual(pseudonym, new IdentityIndex(keys).Exact(minor.FamilyName, minor.GivenName, minor.BirthDate));
    }

    [Fact]
    public async Task The_export_is_written_to_the_access_journal()
    {
        await ExportAsync(2026);

        await using var context = scenario.Run.Services.GetRequiredService<PathwayDatabase>().CreateContext();
        var access = await context.AccessJournal.Where(a => a.What == "export").ToListAsync();
        Assert.NotEmpty(access);
        Assert.All(access, a => Assert.Null(a.FileId));
        Assert.All(access, a => Assert.Equal("user:observatoire", a.Actor));
    }

    [Fact]
    public async Task Only_the_observatory_may_export()
    {
        foreach (var user in new[] { "coordinatrice", "pilote", "inspectrice", "partenaire-crip-93" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await scenario.Run.ClientAsAsync(user)).GetAsync("/api/observatory/export/2026")).StatusCode);
        var observatory = await scenario.Run.ClientAsAsync("observatoire");
        Assert.Equal(HttpStatusCode.BadRequest, (await observatory.GetAsync("/api/observatory/export/2999")).StatusCode);
    }

    private static string Pseudonym(Pseudonyms pseudonyms)
    {
        var minor = ObservatoryScenario.FirstMinor;
        return pseudonyms.Of(minor.FamilyName, minor.GivenName, minor.BirthDate);
    }

    private async Task<(string[] Header, List<string[]> Lines, string Text)> ExportAsync(int year)
    {
        var client = await scenario.Run.ClientAsAsync("observatoire");
        var response = await client.GetAsync($"/api/observatory/export/{year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        return (rows[0], rows.Skip(1).ToList(), text);
    }
}
