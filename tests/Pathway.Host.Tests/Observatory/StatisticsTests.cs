using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pathway.Host.Tests.Observatory;

/// <summary>The Observatoire's indicators, on the files of <see cref="ObservatoryScenario"/>.</summary>
public sealed class StatisticsTests(ObservatoryScenario scenario) : IClassFixture<ObservatoryScenario>
{
    [Fact]
    public async Task Files_opened_are_counted_per_month_in_Paris_time_and_a_month_of_three_is_withheld()
    {
        var report = await StatisticsAsync("2026-01", "2026-06");

        Assert.Equal(5, report.GetProperty("suppressedBelow").GetInt32());
        Assert.Equal(
            [("2026-01", 0), ("2026-02", 0), ("2026-03", 6), ("2026-04", (int?)null), ("2026-05", 0), ("2026-06", 0)],
            MonthCounts(report.GetProperty("filesOpened")));
    }

    [Fact]
    public async Task The_time_to_the_first_measure_runs_from_the_signalement_to_the_opp()
    {
        var report = await StatisticsAsync("2026-01", "2026-12");

        // Evaluation + decision: 2, 8, 11, 21, 24, 32 days from opening; A1 and A2 were signalled 3 days before.
        var figure = report.GetProperty("timeToFirstMeasure");
        Assert.Equal(6, figure.GetProperty("files").GetInt32());
        Assert.Equal(16, figure.GetProperty("medianDays").GetDouble());
        Assert.Equal(28, figure.GetProperty("p90Days").GetDouble());
    }

    [Fact]
    public async Task Missed_deadlines_are_counted_by_stage_and_by_partner_and_three_are_withheld()
    {
        var missed = (await StatisticsAsync("2026-01", "2026-12")).GetProperty("missedDeadlines");

        var byStage = missed.GetProperty("byStage").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!, Count);
        Assert.Equal(5, byStage["evaluation"]);
        Assert.Null(byStage["parquet"]);
        Assert.Equal(0, byStage["ouverture"]);
        var byPartner = missed.GetProperty("byPartner").EnumerateArray().ToDictionary(p => p.GetProperty("partner").GetString()!, Count);
        Assert.Equal(5, byPartner["crip-93"]);
        Assert.Null(byPartner["parquet-difaje"]);
        Assert.Equal(0, byPartner["juge-des-enfants"]);
        Assert.StartsWith("Cellule de recueil", missed.GetProperty("byPartner").EnumerateArray()
            .Single(p => p.GetProperty("partner").GetString() == "crip-93").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Runaways_are_counted_in_the_month_they_were_declared()
    {
        var report = await StatisticsAsync("2026-04", "2026-07");

        Assert.Equal([("2026-04", 0), ("2026-05", 5), ("2026-06", (int?)null), ("2026-07", 0)], MonthCounts(report.GetProperty("runaways")));
    }

    [Fact]
    public async Task Time_per_stage_counts_the_files_that_left_the_stage()
    {
        var stages = (await StatisticsAsync("2026-01", "2026-12")).GetProperty("timePerStage").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!);

        Assert.Equal(["ouverture", "evaluation", "parquet", "fugue", "cloture"], stages.Keys);
        Assert.Equal("Évaluation", stages["evaluation"].GetProperty("label").GetString());
        Assert.Equal((9, 0.0, 0.0), Figures(stages["ouverture"]));
        Assert.Equal((6, 7.0, 11.0), Figures(stages["evaluation"]));      // B1–B3 are still being evaluated
        Assert.Equal((6, 9.0, 17.0), Figures(stages["parquet"]));
        Assert.Equal(0, stages["fugue"].GetProperty("files").GetInt32()); // every runaway watch goes on
        Assert.Equal(JsonValueKind.Null, stages["fugue"].GetProperty("medianDays").ValueKind);
    }

    [Fact]
    public async Task A_period_counts_only_what_happened_in_it_as_it_stood_at_its_end()
    {
        var march = await StatisticsAsync("2026-03", "2026-03");

        Assert.Equal([("2026-03", 6)], MonthCounts(march.GetProperty("filesOpened")));
        // A6's OPP came on 3 April: five measures in March, 5, 11, 11, 21 and 24 days after the signalement.
        var measure = march.GetProperty("timeToFirstMeasure");
        Assert.Equal((5, 11.0, 22.8), (measure.GetProperty("files").GetInt32(), measure.GetProperty("medianDays").GetDouble(), measure.GetProperty("p90Days").GetDouble()));
        var parquet = march.GetProperty("timePerStage").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "parquet");
        Assert.Equal((5, 5.0, 13.6), Figures(parquet));
    }

    [Fact]
    public async Task A_malformed_or_reversed_period_is_refused_with_a_message()
    {
        var client = await scenario.Run.ClientAsAsync("observatoire");

        var malformed = await client.GetAsync("/api/observatory/statistics?from=2026-13&to=2026-12");
        var reversed = await client.GetAsync("/api/observatory/statistics?from=2026-06&to=2026-01");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
    }

    [Fact]
    public async Task The_csv_has_the_same_figures_with_french_headers_semicolons_and_a_byte_order_mark()
    {
        var client = await scenario.Run.ClientAsAsync("observatoire");

        var response = await client.GetAsync("/api/observatory/statistics.csv?from=2026-03&to=2026-04");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Indicateur;Période;Étape;Partenaire;Nombre;Dossiers;Médiane (jours);90e centile (jours)", lines[0]);
        Assert.Contains("Dossiers ouverts;2026-03;;;6;;;", lines);
        Assert.Contains("Dossiers ouverts;2026-04;;;s;;;", lines);
        Assert.Contains("Délai du signalement à la première mesure;2026-03 à 2026-04;;;;6;16;28", lines);
        Assert.Contains("Délais dépassés par étape;2026-03 à 2026-04;Évaluation;;5;;;", lines);
        Assert.Contains("Durée par étape;2026-03 à 2026-04;Décision du parquet;;;6;9;17", lines);
    }

    [Fact]
    public async Task The_observatory_the_coordinator_and_the_process_owner_read_statistics_and_others_may_not()
    {
        foreach (var user in new[] { "observatoire", "coordinatrice", "pilote" })
            Assert.Equal(HttpStatusCode.OK, (await (await scenario.Run.ClientAsAsync(user)).GetAsync("/api/observatory/statistics")).StatusCode);
        foreach (var user in new[] { "inspectrice", "accueil", "partenaire-crip-93" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await scenario.Run.ClientAsAsync(user)).GetAsync("/api/observatory/statistics.csv")).StatusCode);
    }

    private async Task<JsonElement> StatisticsAsync(string from, string to)
    {
        var client = await scenario.Run.ClientAsAsync("observatoire");
        return await client.GetFromJsonAsync<JsonElement>($"/api/observatory/statistics?from={from}&to={to}");
    }

    private static List<(string, int?)> MonthCounts(JsonElement months) =>
        months.EnumerateArray().Select(m => (m.GetProperty("month").GetString()!, Count(m))).ToList();

    private static int? Count(JsonElement item) =>
        item.GetProperty("count").ValueKind == JsonValueKind.Null ? null : item.GetProperty("count").GetInt32();

    private static (int, double, double) Figures(JsonElement stage) =>
        (stage.GetProperty("files").GetInt32(), stage.GetProperty("medianDays").GetDouble(), stage.GetProperty("p90Days").GetDouble());
}
