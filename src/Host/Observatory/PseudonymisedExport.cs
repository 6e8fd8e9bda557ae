using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Host.Protection;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Observatory;

/// <summary>
/// The yearly pseudonymised export (décret 2016-1966 model): one line per file opened that year, the minor given as
/// an irreversible keyed hash (<see cref="Pseudonyms"/>: the same minor has the same pseudonym on every file and in
/// every year's export, and without the pseudonymisation key nobody can compute it from a name). No name, no address,
/// no file id, no exact date: the birth year, months and durations in days. Lines are sorted by pseudonym, so their
/// order says nothing of when or in which order files were opened. The export itself is written to the access journal.
/// </summary>
internal sealed class PseudonymisedExport(PathwayDatabase database, ObservatoryReader reader, Pseudonyms pseudonyms, IClock clock)
{
    public const string AccessWhat = "export";

    public async Task<byte[]> WriteAsync(int year, string actor, CancellationToken cancellationToken)
    {
        var files = await reader.OpenedInAsync(StatisticsPeriod.Year(year), cancellationToken);
        var ids = files.Select(f => f.FileId).ToList();
        await using var context = database.CreateContext();
        // The only read of identities for the Observatoire: turned into pseudonyms here, never kept or returned.
        var intakes = await context.Intakes.AsNoTracking().Where(i => ids.Contains(i.FileId))
            .Select(i => new { i.FileId, i.Origin, i.DangerLevel, i.Minor })
            .ToDictionaryAsync(i => i.FileId, cancellationToken);
        var status = await context.Files.AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new { f.Id, f.Status, f.ClosedAt }).ToDictionaryAsync(f => f.Id, cancellationToken);

        var lines = files.Select(file =>
        {
            var intake = intakes.GetValueOrDefault(file.FileId);
            var minor = intake is null ? null : Minor.Read(intake.Minor);
            var closedAt = status[file.FileId].ClosedAt;
            return new[]
            {
                minor is null ? null : pseudonyms.Of(minor.FamilyName, minor.GivenName, minor.BirthDate),
                minor?.BirthDate.Year.ToString(CultureInfo.InvariantCulture),
                intake?.Origin,
                intake?.DangerLevel,
                StatisticsPeriod.Format(StatisticsPeriod.MonthOf(file.SignalementAt)),
                StatisticsPeriod.Format(StatisticsPeriod.MonthOf(file.OpenedAt)),
                Days(file.DaysToFirstMeasure),
                string.Join(", ", file.Measures),
                string.Join(", ", file.StagesReached),
                file.Runaways.Count.ToString(CultureInfo.InvariantCulture),
                Status(status[file.FileId].Status),
                closedAt is { } at ? Days((Instant.FromDateTimeUtc(at) - file.OpenedAt).TotalDays) : null,
            };
        }).OrderBy(line => line[0] ?? "", StringComparer.Ordinal).ToList();

        var csv = new Csv("Pseudonyme", "Année de naissance", "Origine", "Niveau de danger", "Mois du signalement", "Mois d'ouverture",
            "Jours jusqu'à la première mesure", "Mesures", "Étapes atteintes", "Fugues", "Statut", "Durée du dossier (jours)");
        foreach (var line in lines) csv.Row(line);

        context.AccessJournal.Add(new AccessRow { At = clock.GetCurrentInstant().ToDateTimeUtc(), Actor = actor, FileId = null, What = AccessWhat });
        await context.SaveChangesAsync(cancellationToken);
        return csv.ToBytes();
    }

    private static string Status(string status) => status switch
    {
        "running" => "en-cours",
        "completed" => "clos",
        "cancelled" => "annule",
        _ => "en-erreur",
    };

    private static string? Days(double? days) => days is { } d ? Math.Round(d, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>The identity fields the pseudonym is made of, from the intake's <c>minor</c> object.</summary>
    private sealed record Minor(string FamilyName, string GivenName, DateOnly BirthDate)
    {
        public static Minor? Read(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                return root.TryGetProperty("familyName", out var family) && root.TryGetProperty("givenName", out var given)
                       && root.TryGetProperty("birthDate", out var birth) && DateOnly.TryParseExact(birth.GetString(), "yyyy-MM-dd", out var date)
                    ? new Minor(family.GetString() ?? "", given.GetString() ?? "", date)
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
