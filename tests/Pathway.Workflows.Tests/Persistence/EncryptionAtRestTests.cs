using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// Personal data is encrypted at rest: a copy of the database shows none of it, the engine reads it back plain,
/// keys rotate without re-encrypting anything, and a value that cannot be decrypted is refused, never guessed.
/// </summary>
public abstract class EncryptionAtRestTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : EncryptionAtRestTests(DatabaseProvider.Postgres);

    public sealed class OnSqlite() : EncryptionAtRestTests(DatabaseProvider.Sqlite);

    // Distinctive and ASCII, so that no JSON escaping could hide them from a scan of the raw database.
    private const string GivenName = "Zephyrine";
    private const string FamilyName = "Quennehen";
    private const string BirthDate = "2010-11-07";
    private const string Reporter = "Brigitte Oyonnax";
    private const string Facts = "vue pres de la gare routiere Gallieni avec un majeur";
    private const string Note = "rendez-vous manque au square Lamartine";
    private const string Observations = "mineure deja suivie par le service de Clichy";

    private static readonly string[] PersonalData = [GivenName, FamilyName, BirthDate, Reporter, Facts, Note, Observations];

    private static readonly byte[] FirstKey = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes);

    /// <summary>One known key, "k1", so that a test can rotate to a ring that still holds it.</summary>
    protected override PersonalDataProtector Keys { get; } = new(new Dictionary<string, byte[]> { ["k1"] = FirstKey }, "k1");

    private RawDatabase Raw => new(Provider, ConnectionString);

    [Fact]
    public async Task A_copy_of_the_database_shows_none_of_the_minors_personal_data()
    {
        await RecordFileAsync(Runner, Database);

        var rows = await Raw.EveryRowAsync();

        Assert.Contains(rows, r => r.Table == "journal");
        foreach (var secret in PersonalData)
            Assert.DoesNotContain(rows, r => r.Row.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Every_column_that_may_hold_personal_data_is_stored_encrypted_under_the_current_key()
    {
        await RecordFileAsync(Runner, Database);

        await using var context = Database.CreateContext();
        foreach (var (table, column) in ProtectedColumns(context))
        {
            var stored = await Raw.ColumnAsync(table, column);
            Assert.True(stored.Count > 0, $"{table}.{column} holds no value: the file did not exercise it.");
            Assert.All(stored, value => Assert.StartsWith("pw1:k1:", value));
        }
    }

    [Fact]
    public async Task The_engine_reads_the_personal_data_back_plain()
    {
        await RecordFileAsync(Runner, Database);

        await using var context = Database.CreateContext();
        Assert.Contains(FamilyName, (await context.Files.SingleAsync()).State);
        var payload = JsonNode.Parse((await context.Outbox.SingleAsync(o => o.Kind == "task.assigned")).Payload)!.ToJsonString();
        Assert.Contains(GivenName, payload);
        Assert.Contains(BirthDate, payload);
        Assert.Contains(await context.Journal.Where(j => j.Data != null).Select(j => j.Data!).ToListAsync(), d => d.Contains(Observations));
        var intake = await context.Intakes.SingleAsync();
        Assert.Equal((Facts, Reporter), (intake.Facts, JsonNode.Parse(intake.Reporter)!["name"]!.GetValue<string>()));
        Assert.Equal(Note, (await context.FileNotes.SingleAsync()).Text);
    }

    [Fact]
    public async Task After_a_rotation_old_rows_still_read_and_new_ones_use_the_current_key()
    {
        await StartFileAsync(Runner);
        var rotated = new PersonalDataProtector(
            new Dictionary<string, byte[]> { ["k1"] = FirstKey, ["k2"] = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes) }, "k2");
        await using var database = new PathwayDatabase(Provider, ConnectionString, rotated);

        // The state was written under k1, is read under the rotated ring, and written back under k2.
        await AnswerAsync(await RunnerOnAsync(database), database);

        Assert.StartsWith("pw1:k2:", Assert.Single(await Raw.ColumnAsync("files", "state")));
        var journal = await Raw.ColumnAsync("journal", "data");
        Assert.Contains(journal, d => d.StartsWith("pw1:k1:", StringComparison.Ordinal));
        Assert.Contains(journal, d => d.StartsWith("pw1:k2:", StringComparison.Ordinal));
        await using var context = database.CreateContext();
        Assert.Equal(FileStatus.Completed.ToString().ToLowerInvariant(), (await context.Files.SingleAsync()).Status);
        Assert.Contains(await context.Journal.Select(j => j.Data).ToListAsync(), d => d != null && d.Contains(Observations));
    }

    [Fact]
    public async Task A_value_under_a_key_the_ring_does_not_hold_is_refused_naming_the_key()
    {
        await StartFileAsync(Runner);
        await using var database = new PathwayDatabase(Provider, ConnectionString, PersonalDataProtector.Random("k9"));

        var refused = await RefusedReadAsync(database);

        Assert.Equal(("files.state", "k1"), (refused.Column, refused.KeyId));
        Assert.Contains("'k1'", refused.Message);
    }

    [Fact]
    public async Task An_altered_value_is_refused_rather_than_decrypted_into_garbage()
    {
        await StartFileAsync(Runner);
        var stored = Assert.Single(await Raw.ColumnAsync("files", "state"));
        var middle = stored.Length / 2;
        var altered = stored[..middle] + (stored[middle] == 'A' ? 'B' : 'A') + stored[(middle + 1)..];
        await Raw.ExecuteAsync($"UPDATE files SET state = '{altered}'");

        var refused = await RefusedReadAsync(Database);

        Assert.Equal(("files.state", "k1"), (refused.Column, refused.KeyId));
    }

    [Fact]
    public async Task Two_databases_with_two_key_rings_in_one_process_each_encrypt_with_their_own()
    {
        await using var first = await TestDatabase.CreateAsync(Provider, PersonalDataProtector.Random("ring-a"));
        await using var second = await TestDatabase.CreateAsync(Provider, PersonalDataProtector.Random("ring-b"));

        // Interleaved, so that a model (and its converters) shared between the two would show.
        var (onFirst, onSecond) = (await RunnerOnAsync(first.Database), await RunnerOnAsync(second.Database));
        await StartFileAsync(onFirst);
        await StartFileAsync(onSecond);
        await AnswerAsync(onFirst, first.Database);

        foreach (var (test, ring) in new[] { (first, "ring-a"), (second, "ring-b") })
        {
            var raw = new RawDatabase(Provider, test.ConnectionString);
            Assert.StartsWith($"pw1:{ring}:", Assert.Single(await raw.ColumnAsync("files", "state")));
            var journal = await raw.ColumnAsync("journal", "data");
            Assert.NotEmpty(journal);
            Assert.All(journal, d => Assert.StartsWith($"pw1:{ring}:", d));
            await using var context = test.Database.CreateContext();
            Assert.Contains(FamilyName, (await context.Files.SingleAsync()).State);
        }
    }

    /// <summary>A file on <see cref="SpecDefinitions.SharesIdentity"/> answered to its end, with its intake, a note and an access.</summary>
    private async Task RecordFileAsync(CareFileRunner runner, PathwayDatabase database)
    {
        await StartFileAsync(runner);
        await AnswerAsync(runner, database);
        await using var context = database.CreateContext();
        var at = Clock.GetCurrentInstant().ToDateTimeUtc();
        context.Intakes.Add(new IntakeRow
        {
            FileId = "file-1",
            Origin = "signalement",
            ReceivedAt = new DateOnly(2026, 7, 9),
            DangerLevel = "eleve",
            Reporter = new JsonObject { ["name"] = Reporter, ["organisation"] = "Amicale du Nid 93" }.ToJsonString(),
            Minor = new JsonObject { ["givenName"] = GivenName, ["familyName"] = FamilyName, ["birthDate"] = BirthDate }.ToJsonString(),
            Facts = Facts,
            IdentityKey = "identity-key-hash",
            ProbableIdentityKey = "probable-identity-key-hash",
            CreatedAt = at,
            CreatedBy = "user:intake",
        });
        context.FileNotes.Add(new FileNoteRow { Id = Guid.NewGuid(), FileId = "file-1", At = at, Author = "user:coordinator", Text = Note });
        context.AccessJournal.Add(new AccessRow { At = at, Actor = "user:coordinator", FileId = "file-1", What = "identity" });
        context.IdempotencyKeys.Add(new IdempotencyKeyRow
        {
            Actor = "user:intake", Key = "8e03978e-40d5-43e8-bc93-6894a57f9324", Fingerprint = "fingerprint-hash", Status = 201,
            Location = "/api/files/file-1", ContentType = "application/json; charset=utf-8",
            Body = """{"fileId":"file-1","duplicates":[]}""", CreatedAt = at, ExpiresAt = at.AddDays(7),
        });
        await context.SaveChangesAsync();
    }

    /// <summary>Opens file-1: the task to the parquet carries the minor's names and birth date.</summary>
    private async Task StartFileAsync(CareFileRunner runner)
    {
        if (await runner.StartAsync(SpecDefinitions.SharesIdentity().Id, "file-1", new StartFile("intake-file-1", "user:intake",
                new Dictionary<string, JsonNode?> { ["prenom"] = GivenName, ["nom"] = FamilyName, ["dateNaissance"] = BirthDate }))
            is { Disposition: not StepDisposition.Applied } outcome)
            throw new InvalidOperationException($"The file did not start: {outcome.Disposition}.");
    }

    /// <summary>The parquet acknowledges the task (its bookmark's data changes), then answers with its observations.</summary>
    private static async Task AnswerAsync(CareFileRunner runner, PathwayDatabase database)
    {
        Guid task;
        await using (var context = database.CreateContext())
            task = (await context.Bookmarks.SingleAsync(b => b.Purpose == "task")).Id;
        await runner.ApplyAsync("file-1", new ResumeBookmark("ack", "parquet-difaje", task, new JsonObject { ["answer"] = "accepted" }));
        await runner.ApplyAsync("file-1", new ResumeBookmark("answer", "parquet-difaje", task,
            new JsonObject { ["answer"] = "completed", ["outcome"] = "opp", ["data"] = new JsonObject { ["observations"] = Observations } }));
    }

    /// <summary>A runner on another database (or the same one, under another key ring), the definition published there.</summary>
    private async Task<CareFileRunner> RunnerOnAsync(PathwayDatabase database)
    {
        var store = new DefinitionStore(database, new DefinitionValidator(PatternRun.Catalog), PatternRun.Catalog, Clock);
        Assert.Empty((await store.ImportPublishedAsync(SpecDefinitions.SharesIdentity(), "owner")).Errors);
        return new CareFileRunner(database, store, new Interpreter(Clock));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PublishAsync(SpecDefinitions.SharesIdentity());
    }

    /// <summary>Reading the file fails; the failure names the column and the key, and quotes no personal data.</summary>
    private static async Task<PersonalDataUnreadableException> RefusedReadAsync(PathwayDatabase database)
    {
        await using var context = database.CreateContext();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => context.Files.AsNoTracking().SingleAsync());
        var messages = new List<string>();
        PersonalDataUnreadableException? unreadable = null;
        for (var e = failure; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            unreadable ??= e as PersonalDataUnreadableException;
        }

        foreach (var secret in PersonalData)
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.OrdinalIgnoreCase));
        return unreadable ?? throw new Xunit.Sdk.XunitException($"Expected a {nameof(PersonalDataUnreadableException)}, got: {failure}");
    }

    /// <summary>The protected columns as the model maps them: table and column names.</summary>
    private static IEnumerable<(string Table, string Column)> ProtectedColumns(PathwayDbContext context) =>
        PathwayDbContext.ProtectedColumns.Select(c =>
        {
            var entity = context.Model.FindEntityType(c.Entity)!;
            return (entity.GetTableName()!, entity.FindProperty(c.Property)!.GetColumnName());
        });
}
