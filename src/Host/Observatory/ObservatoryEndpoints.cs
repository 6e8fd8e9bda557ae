using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Pathway.Activities.Partners;
using Pathway.Host.Access;
using Pathway.Host.Protection;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Observatory;

/// <summary>The Observatoire's indicators (JSON and CSV) and the yearly pseudonymised export. See docs/observatoire.md.</summary>
public static class ObservatoryEndpoints
{
    public static RouteGroupBuilder MapObservatory(this RouteGroupBuilder api)
    {
        var observatory = api.MapGroup("/observatory").WithTags("Observatoire");
        observatory.MapGet("/statistics", StatisticsAsync).RequireAuthorization(Policies.ReadStatistics);
        observatory.MapGet("/statistics.csv", StatisticsCsvAsync).RequireAuthorization(Policies.ReadStatistics)
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        observatory.MapGet("/export/{year:int}", ExportAsync).RequireAuthorization(Policies.ExportPseudonymised)
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        return api;
    }

    private static async Task<Results<Ok<StatisticsReport>, ValidationProblem>> StatisticsAsync(
        string? from, string? to, PathwayDatabase database, DefinitionStore definitions, PartnerRegistry partners, IClock clock,
        CancellationToken cancellationToken)
    {
        var (report, problem) = await ReportAsync(from, to, database, definitions, partners, clock, cancellationToken);
        return report is null ? problem! : TypedResults.Ok(report);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> StatisticsCsvAsync(
        string? from, string? to, PathwayDatabase database, DefinitionStore definitions, PartnerRegistry partners, IClock clock,
        CancellationToken cancellationToken)
    {
        var (report, problem) = await ReportAsync(from, to, database, definitions, partners, clock, cancellationToken);
        return report is null ? problem! : TypedResults.File(StatisticsCsv.Write(report), Csv.ContentType, $"observatoire-{report.From}-{report.To}.csv");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        int year, HttpContext http, PathwayDatabase database, DefinitionStore definitions, Pseudonyms pseudonyms, IClock clock,
        CancellationToken cancellationToken)
    {
        var thisYear = StatisticsPeriod.MonthOf(clock.GetCurrentInstant()).Year;
        if (year < 2000 || year > thisYear) return Invalid("year", $"Année attendue entre 2000 et {thisYear}.");
        var export = new PseudonymisedExport(database, new ObservatoryReader(database, definitions), pseudonyms, clock);
        return TypedResults.File(await export.WriteAsync(year, http.User().Actor, cancellationToken), Csv.ContentType, $"observatoire-export-{year}.csv");
    }

    private static async Task<(StatisticsReport? Report, ValidationProblem? Problem)> ReportAsync(
        string? from, string? to, PathwayDatabase database, DefinitionStore definitions, PartnerRegistry partners, IClock clock,
        CancellationToken cancellationToken)
    {
        var (period, field, problem) = StatisticsPeriod.Parse(from, to, clock.GetCurrentInstant());
        if (period is null) return (null, Invalid(field!, problem!));
        var observed = await new ObservatoryReader(database, definitions).PeriodAsync(period, cancellationToken);
        return (ObservatoryStatistics.Compute(period, observed, partners), null);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
