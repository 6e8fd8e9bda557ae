using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pathway.Host.Protection;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Testing;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Observatory;

/// <summary>
/// Nine files of <see cref="StatisticsPathway"/> on PostgreSQL, with their intakes, and a host serving them:
/// <list type="bullet">
/// <item>A1–A6, opened on 2 March 2026 at midnight in Paris. The CRIP evaluates in 1, 5, 6, 8, 10 and 12 days
/// (deadline 3 days: five missed), then the parquet orders an OPP 1, 3, 5, 13, 14 and 20 days later (deadline 8
/// days: three missed). A1 and A2 were signalled on 27 February; A6 has no intake.</item>
/// <item>B1–B3, opened on 31 March at 22:30 UTC, which is 1 April in Paris; still in evaluation. B1 is A1's minor
/// again, her name typed otherwise.</item>
/// <item>A1–A5 run away on 10 May; A1 comes back on 12 May and runs away again on 3 June.</item>
/// </list>
/// </summary>
public sealed class ObservatoryScenario : IAsyncLifetime
{
    public static readonly int[] EvaluationDays = [1, 5, 6, 8, 10, 12];
    public static readonly int[] DecisionDays = [1, 3, 5, 13, 14, 20];

    public static readonly Minor FirstMinor = new("Inès", "N'Diaye-Dupont", new DateOnly(2011, 5, 14), "12 rue des Lilas, 93000 Bobigny");

    private static readonly (string File, string Origin, DateOnly ReceivedAt, Minor Minor)[] Intakes =
    [
        ("OBS-A1", "signalement", new DateOnly(2026, 2, 27), FirstMinor),
        ("OBS-A2", "information-preoccupante", new DateOnly(2026, 2, 27), new("Sarah", "Lefèvre", new DateOnly(2010, 9, 1), "4 allée Verte, 93200 Saint-Denis")),
        ("OBS-A3", "information-preoccupante", new DateOnly(2026, 3, 2), new("Maëlys", "Traoré", new DateOnly(2012, 1, 20), "8 rue Haute, 93100 Montreuil")),
        ("OBS-A4", "information-preoccupante", new DateOnly(2026, 3, 2), new("Chloé", "Benhamou", new DateOnly(2009, 12, 3), "1 place Nord, 93300 Aubervilliers")),
        ("OBS-A5", "signalement", new DateOnly(2026, 3, 2), new("Aya", "Keita", new DateOnly(2011, 7, 7), "3 impasse Sud, 93140 Bondy")),
        ("OBS-B1", "signalement", new DateOnly(2026, 3, 31), FirstMinor with { GivenName = "INES", FamilyName = "NDIAYE DUPONT" }),
        ("OBS-B2", "information-preoccupante", new DateOnly(2026, 3, 31), new("Jade", "Rossi", new DateOnly(2010, 2, 11), "9 rue Basse, 93130 Noisy-le-Sec")),
        ("OBS-B3", "information-preoccupante", new DateOnly(2026, 3, 31), new("Emma", "Petit", new DateOnly(2012, 10, 30), "5 cours Est, 93000 Bobigny")),
    ];

    private ScratchPostgres _database = null!;
    private TestFolder _folder = null!;

    internal PathwayRun Run { get; private set; } = null!;

    public static IReadOnlyList<string> FileIds => ["OBS-A1", "OBS-A2", "OBS-A3", "OBS-A4", "OBS-A5", "OBS-A6", "OBS-B1", "OBS-B2", "OBS-B3"];

    public async Task InitializeAsync()
    {
        _database = await ScratchPostgres.CreateAsync("observatory");
        await using (var seeder = await StatisticsSeeder.OpenAsync(_database.ConnectionString))
            await SeedFilesAsync(seeder);
        _folder = TestFolder.WithRepositoryDefinitions();
        Run = new PathwayRun(_folder, _database.ConnectionString);
        Run.Start();
        await SeedIntakesAsync(Run.Services);
    }

    public async Task DisposeAsync()
    {
        await Run.DisposeAsync();
        _folder.Dispose();
        await _database.DisposeAsync();
    }

    private static Instant Paris(int month, int day) => new LocalDateTime(2026, month, day, 0, 0).InZoneStrictly(Workflows.Runtime.Interpreter.Paris).ToInstant();

    private static async Task SeedFilesAsync(StatisticsSeeder seeder)
    {
        var opened = Paris(3, 2);
        for (var i = 0; i < 6; i++)
        {
            var file = $"OBS-A{i + 1}";
            await seeder.OpenFileAsync(file, opened);
            var evaluated = opened + Duration.FromDays(EvaluationDays[i]);
            await seeder.AnswerAsync(file, evaluated, "faite");
            await seeder.AnswerAsync(file, evaluated + Duration.FromDays(DecisionDays[i]), "opp");
        }

        foreach (var file in new[] { "OBS-B1", "OBS-B2", "OBS-B3" })
            await seeder.OpenFileAsync(file, Instant.FromUtc(2026, 3, 31, 22, 30));

        for (var i = 1; i <= 5; i++)
            await seeder.RaiseAsync($"OBS-A{i}", Instant.FromUtc(2026, 5, 10, 10, i), "fugue-declaree");
        await seeder.RaiseAsync("OBS-A1", Instant.FromUtc(2026, 5, 12, 10, 0), "retour-de-fugue");
        await seeder.RaiseAsync("OBS-A1", Instant.FromUtc(2026, 6, 3, 10, 0), "fugue-declaree");
    }

    /// <summary>Through the host's own database access and blind index, as the intake endpoint writes them.</summary>
    private static async Task SeedIntakesAsync(IServiceProvider services)
    {
        var index = services.GetRequiredService<IdentityIndex>();
        await using var context = services.GetRequiredService<PathwayDatabase>().CreateContext();
        foreach (var (file, origin, receivedAt, minor) in Intakes)
            context.Intakes.Add(new IntakeRow
            {
                FileId = file, Origin = origin, ReceivedAt = receivedAt, DangerLevel = "eleve",
                Reporter = """{"name":"Professionnel","organisation":"Collège","phone":"0100000000","email":"pro@example.org"}""",
                Minor = System.Text.Json.JsonSerializer.Serialize(new
                {
                    givenName = minor.GivenName, familyName = minor.FamilyName, birthDate = minor.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), address = minor.Address,
                }),
                Facts = "Faits rapportés par le professionnel.",
                IdentityKey = index.Exact(minor.FamilyName, minor.GivenName, minor.BirthDate),
                ProbableIdentityKey = index.Probable(minor.FamilyName, minor.BirthDate),
                CreatedAt = receivedAt.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), CreatedBy = "user:accueil",
            });
        await context.SaveChangesAsync();
    }

    public sealed record Minor(string GivenName, string FamilyName, DateOnly BirthDate, string Address);
}
