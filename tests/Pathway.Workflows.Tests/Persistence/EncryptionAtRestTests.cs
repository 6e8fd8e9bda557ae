using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Pathway.Testing;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;
using Pathway.Workflows.Tests.Patterns;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// Personal data is encrypted at rest, each value bound to its place: a copy of the database shows none of it, the
/// engine reads it back plain, keys rotate without re-encrypting anything, and a value that cannot be decrypted, was
/// altered or was moved to another row or column is refused, never guessed. Values of before binding are rebound
/// when the database is migrated.
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
            Assert.All(stored, value => Assert.StartsWith("pw2:k1:", value));
        }
    }

    [Fact]
    public async Task The_engine_reads_the_personal_data_back_plain()
    {
        await RecordFileAsync(Runner, Database);

        await using var context = Database.CreateContext();
        Assert.Contains(FamilyName, (await context.Files.SingleAsync(f => f.Id == "file-1")).State);
        var payload = JsonNode.Parse((await context.Outbox.SingleAsync(o => o.Kind == "task.assigned" && o.FileId == "file-1")).Payload)!.ToJsonString();
        Assert.Contains(GivenName, payload);
        Assert.Contains(BirthDate, payload);
        // A projection of a protected column reads it plain too (the entity is materialized to give it).
        Assert.Contains(await context.Journal.Select(j => j.Data).ToListAsync(), d => d != null && d.Contains(Observations));
        var intake = await context.Intakes.SingleAsync(i => i.FileId == "file-1");
        Assert.Equal((Facts, Reporter), (intake.Facts, JsonNode.Parse(intake.Reporter)!["name"]!.GetValue<string>()));
        Assert.Equal(Note, (await context.FileNotes.SingleAsync(n => n.FileId == "file-1")).Text);
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

        Assert.StartsWith("pw2:k2:", Assert.Single(await Raw.ColumnAsync("files", "state")));
        var journal = await Raw.ColumnAsync("journal", "data");
        Assert.Contains(journal, d => d.StartsWith("pw2:k1:", StringComparison.Ordinal));
        Assert.Contains(journal, d => d.StartsWith("pw2:k2:", StringComparison.Ordinal));
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
    public async Task A_value_copied_to_another_row_of_its_column_is_refused_in_every_protected_column()
    {
        await RecordFileAsync(Runner, Database, "file-1");
        await RecordFileAsync(Runner, Database, "file-2");

        await using var context = Database.CreateContext();
        foreach (var (entity, _, table, column, key) in ProtectedColumnsOf(context))
        {
            var rows = await RowsHoldingAsync(table, column, key);
            Assert.True(rows.Count >= 2, $"{table}.{column} has fewer than two values: the files did not exercise it.");
            var (source, target) = (rows[0], rows[^1]);
            var original = Assert.Single(await Raw.RowsAsync($"SELECT {column} FROM {table} WHERE {target}"))[0];
            await WithoutJournalGuardAsync(() => Raw.ExecuteAsync($"UPDATE {table} SET {column} = (SELECT {column} FROM {table} WHERE {source}) WHERE {target}"));

            var refused = await RefusedReadAsync(Database, entity);

            Assert.Equal(($"{table}.{column}", "k1"), (refused.Column, refused.KeyId));
            await WithoutJournalGuardAsync(() => Raw.ExecuteAsync($"UPDATE {table} SET {column} = '{original}' WHERE {target}"));
            await ReadAllAsync(context, entity);
        }
    }

    [Fact]
    public async Task A_value_copied_to_another_column_of_its_row_or_of_a_row_with_the_same_key_is_refused()
    {
        await RecordFileAsync(Runner, Database);

        await Raw.ExecuteAsync("UPDATE intakes SET minor = facts");
        Assert.Equal("intakes.minor", (await RefusedReadAsync(Database, typeof(IntakeRow))).Column);

        // The file's row and its intake's row have the same key (the file id): only the column tells them apart.
        await Raw.ExecuteAsync("UPDATE intakes SET minor = (SELECT state FROM files WHERE files.id = intakes.file_id)");
        Assert.Equal("intakes.minor", (await RefusedReadAsync(Database, typeof(IntakeRow))).Column);
    }

    [Fact]
    public async Task A_note_moved_to_another_file_is_refused()
    {
        await RecordFileAsync(Runner, Database, "file-1");
        await RecordFileAsync(Runner, Database, "file-2");

        await Raw.ExecuteAsync("UPDATE file_notes SET file_id = 'file-2' WHERE file_id = 'file-1'");

        Assert.Equal("file_notes.text", (await RefusedReadAsync(Database, typeof(FileNoteRow))).Column);
    }

    [Fact]
    public async Task Values_written_before_binding_are_rebound_when_the_database_is_migrated_then_read_and_the_file_goes_on()
    {
        await StartFileAsync(Runner);
        await AcknowledgeAsync(Runner, Database, "file-1");
        await RecordIntakeAndNoteAsync(Database, "file-1");
        var plain = await PlainValuesAsync(Database);
        // The release before binding had no idempotency keys: going back to it drops their table, empty once recreated.
        plain["idempotency_keys.body"] = [];
        await DowngradeToUnboundValuesAsync();
        Assert.All(await Raw.ColumnAsync("files", "state"), v => Assert.StartsWith("pw1:k1:", v));

        // The host starts on the new release, whose current key is k2: the migration rebinds every value under it.
        await using var rotated = new PathwayDatabase(Provider, ConnectionString, new PersonalDataProtector(
            new Dictionary<string, byte[]> { ["k1"] = FirstKey, ["k2"] = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes) }, "k2"));
        await rotated.MigrateAsync();

        await using (var context = rotated.CreateContext())
        {
            foreach (var (table, column) in ProtectedColumns(context))
                Assert.All(await Raw.ColumnAsync(table, column), v => Assert.StartsWith("pw2:k2:", v));
        }

        Assert.Empty(await Raw.RowsAsync("SELECT id FROM pending_rebinding"));
        Assert.Equal(plain, await PlainValuesAsync(rotated));
        var completed = await CompleteAsync(await RunnerOnAsync(rotated), rotated, "file-1");
        Assert.Equal((StepDisposition.Applied, FileStatus.Completed), (completed.Disposition, completed.Status));
    }

    [Fact]
    public async Task Rebinding_again_changes_nothing_and_an_unbound_value_planted_afterwards_is_refused()
    {
        await RecordFileAsync(Runner, Database);
        await DowngradeToUnboundValuesAsync();
        await Database.MigrateAsync();
        var rebound = await Raw.ColumnAsync("journal", "data");

        await Database.MigrateAsync();

        Assert.Equal(rebound, await Raw.ColumnAsync("journal", "data"));
        // Without the pending row, an unbound value is never rebound where someone put it: it is refused.
        await Raw.ExecuteAsync($"UPDATE files SET state = '{UnboundValues.Pw1(FirstKey, "k1", "{}")}'");
        await Database.MigrateAsync();
        var refused = await RefusedReadAsync(Database);
        Assert.Equal(("files.state", "k1"), (refused.Column, refused.KeyId));
        Assert.Contains("pw1", refused.Message);
    }

    [Fact]
    public async Task The_journal_refuses_any_update_but_an_unbound_value_rebound_in_place()
    {
        await StartFileAsync(Runner);
        var bound = (await Raw.ColumnAsync("journal", "data"))[0];
        var unbound = UnboundValues.Pw1(FirstKey, "k1", "{}");

        Assert.Contains("append-only", (await RefusedRawAsync($"UPDATE journal SET data = '{bound}' WHERE sequence = 2")).Message);
        Assert.Contains("append-only", (await RefusedRawAsync($"UPDATE journal SET data = '{unbound}' WHERE sequence = 2")).Message);
        await WithoutJournalGuardAsync(() => Raw.ExecuteAsync($"UPDATE journal SET data = '{unbound}' WHERE sequence = 2"));
        Assert.Contains("append-only", (await RefusedRawAsync($"UPDATE journal SET data = '{bound}', actor = 'someone else' WHERE sequence = 2")).Message);

        await Raw.ExecuteAsync($"UPDATE journal SET data = '{bound}' WHERE sequence = 2");
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
            Assert.StartsWith($"pw2:{ring}:", Assert.Single(await raw.ColumnAsync("files", "state")));
            var journal = await raw.ColumnAsync("journal", "data");
            Assert.NotEmpty(journal);
            Assert.All(journal, d => Assert.StartsWith($"pw2:{ring}:", d));
            await using var context = test.Database.CreateContext();
            Assert.Contains(FamilyName, (await context.Files.SingleAsync()).State);
        }
    }

    /// <summary>A file on <see cref="SpecDefinitions.SharesIdentity"/> answered to its end, with its intake, a note and an access.</summary>
    private async Task RecordFileAsync(CareFileRunner runner, PathwayDatabase database, string fileId = "file-1")
    {
        await StartFileAsync(runner, fileId);
        await AnswerAsync(runner, database, fileId);
        await RecordIntakeAndNoteAsync(database, fileId);
    }

    private async Task RecordIntakeAndNoteAsync(PathwayDatabase database, string fileId)
    {
        await using var context = database.CreateContext();
        var at = Clock.GetCurrentInstant().ToDateTimeUtc();
        context.Intakes.Add(new IntakeRow
        {
            FileId = fileId,
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
        context.FileNotes.Add(new FileNoteRow { Id = Guid.NewGuid(), FileId = fileId, At = at, Author = "user:coordinator", Text = Note });
        context.AccessJournal.Add(new AccessRow { At = at, Actor = "user:coordinator", FileId = fileId, What = "identity" });
        context.IdempotencyKeys.Add(new IdempotencyKeyRow
        {
            Actor = "user:intake", Key = $"key-of-{fileId}", Fingerprint = "fingerprint-hash", Status = 201,
            Location = $"/api/files/{fileId}", ContentType = "application/json; charset=utf-8",
            Body = $$"""{"fileId":"{{fileId}}","duplicates":[]}""", CreatedAt = at, ExpiresAt = at.AddDays(7),
        });
        await context.SaveChangesAsync();
    }

    /// <summary>Opens a file: the task to the parquet carries the minor's names and birth date.</summary>
    private static async Task StartFileAsync(CareFileRunner runner, string fileId = "file-1")
    {
        if (await runner.StartAsync(SpecDefinitions.SharesIdentity().Id, fileId, new StartFile($"intake-{fileId}", "user:intake",
                new Dictionary<string, JsonNode?> { ["prenom"] = GivenName, ["nom"] = FamilyName, ["dateNaissance"] = BirthDate }))
            is { Disposition: not StepDisposition.Applied } outcome)
            throw new InvalidOperationException($"The file did not start: {outcome.Disposition}.");
    }

    /// <summary>The parquet acknowledges the task (its bookmark's data changes), then answers with its observations.</summary>
    private static async Task AnswerAsync(CareFileRunner runner, PathwayDatabase database, string fileId = "file-1")
    {
        await AcknowledgeAsync(runner, database, fileId);
        await CompleteAsync(runner, database, fileId);
    }

    private static async Task AcknowledgeAsync(CareFileRunner runner, PathwayDatabase database, string fileId) =>
        await runner.ApplyAsync(fileId, new ResumeBookmark($"ack-{fileId}", "parquet-difaje", await TaskAsync(database, fileId),
            new JsonObject { ["answer"] = "accepted" }));

    private static async Task<StepOutcome> CompleteAsync(CareFileRunner runner, PathwayDatabase database, string fileId) =>
        await runner.ApplyAsync(fileId, new ResumeBookmark($"answer-{fileId}", "parquet-difaje", await TaskAsync(database, fileId),
            new JsonObject { ["answer"] = "completed", ["outcome"] = "opp", ["data"] = new JsonObject { ["observations"] = Observations } }));

    private static async Task<Guid> TaskAsync(PathwayDatabase database, string fileId)
    {
        await using var context = database.CreateContext();
        return (await context.Bookmarks.SingleAsync(b => b.Purpose == "task" && b.FileId == fileId)).Id;
    }

    /// <summary>
    /// Takes the database back to the release before binding: the schema of the migration before
    /// <c>BindPersonalDataToPlace</c>, and every protected value as that release wrote it (pw1, unbound, under k1).
    /// </summary>
    private async Task DowngradeToUnboundValuesAsync()
    {
        await using (var context = Database.CreateContext())
            await context.GetService<IMigrator>().MigrateAsync("FileMigrations");
        Assert.DoesNotContain(await Raw.ColumnAsync(Provider == DatabaseProvider.Postgres ? "information_schema.tables" : "sqlite_master",
            Provider == DatabaseProvider.Postgres ? "table_name" : "name"), t => t == "pending_rebinding");

        // That release had no claim columns in the outbox (OutboxClaims came later), but today's model reads them: they
        // are lent for the rewrite below, and taken away again.
        string[] claimColumns = ["claimed_by", "claimed_until", "file_revision", "position"];
        string[] claimTypes = Provider == DatabaseProvider.Postgres
            ? ["text", "timestamp with time zone", "bigint NOT NULL DEFAULT 0", "integer NOT NULL DEFAULT 0"]
            : ["TEXT", "TEXT", "INTEGER NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0"];
        foreach (var (column, type) in claimColumns.Zip(claimTypes)) await Raw.ExecuteAsync($"ALTER TABLE outbox ADD COLUMN {column} {type}");

        await WithoutJournalGuardAsync(async () =>
        {
            await using var context = Database.CreateContext();
            // Idempotency keys came with a later release, which binds every value it writes: that table is not there yet.
            foreach (var entity in PersonalDataColumns.All.Select(c => c.Entity).Distinct().Where(e => e != typeof(IdempotencyKeyRow)))
            {
                foreach (var row in await ReadAllAsync(context, entity, tracked: true))
                {
                    foreach (var (_, property) in PersonalDataColumns.All.Where(c => c.Entity == entity))
                    {
                        if (entity.GetProperty(property)!.GetValue(row) is string plain)
                            context.Entry(row).Property(PersonalDataColumns.StoredProperty(property)).CurrentValue = UnboundValues.Pw1(FirstKey, "k1", plain);
                    }
                }
            }

            await context.SaveChangesAsync();
        });
        foreach (var column in claimColumns) await Raw.ExecuteAsync($"ALTER TABLE outbox DROP COLUMN {column}");
    }

    private async Task<Exception> RefusedRawAsync(string sql) => await Assert.ThrowsAnyAsync<Exception>(() => Raw.ExecuteAsync(sql));

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
    private static Task<PersonalDataUnreadableException> RefusedReadAsync(PathwayDatabase database) =>
        RefusedReadAsync(database, typeof(FileRow));

    /// <summary>Reading every row of <paramref name="entity"/> fails; the failure names the column and the key, and
    /// quotes no personal data.</summary>
    private static async Task<PersonalDataUnreadableException> RefusedReadAsync(PathwayDatabase database, Type entity)
    {
        await using var context = database.CreateContext();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ReadAllAsync(context, entity));
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
        ProtectedColumnsOf(context).Select(c => (c.Table, c.Column));

    private static IEnumerable<(Type Entity, string Property, string Table, string Column, IReadOnlyList<string> Key)> ProtectedColumnsOf(
        PathwayDbContext context) =>
        PersonalDataColumns.All.Select(c =>
        {
            var entity = context.Model.FindEntityType(c.Entity)!;
            return (c.Entity, c.Property, entity.GetTableName()!,
                entity.FindProperty(PersonalDataColumns.StoredProperty(c.Property))!.GetColumnName(),
                (IReadOnlyList<string>)entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()).ToList());
        });

    /// <summary>Every row of a table holding protected columns, closed bookmarks included, read through the engine.</summary>
    private static async Task<IReadOnlyList<object>> ReadAllAsync(PathwayDbContext context, Type entity, bool tracked = false)
    {
        async Task<IReadOnlyList<object>> All<T>(IQueryable<T> rows) where T : class =>
            await (tracked ? rows : rows.AsNoTracking()).Cast<object>().ToListAsync();
        return entity.Name switch
        {
            nameof(FileRow) => await All(context.Files),
            nameof(BookmarkRow) => await All(context.Bookmarks.IgnoreQueryFilters()),
            nameof(JournalRow) => await All(context.Journal),
            nameof(OutboxRow) => await All(context.Outbox),
            nameof(IntakeRow) => await All(context.Intakes),
            nameof(FileNoteRow) => await All(context.FileNotes),
            nameof(IdempotencyKeyRow) => await All(context.IdempotencyKeys),
            _ => throw new ArgumentException($"{entity.Name} has no protected column.", nameof(entity)),
        };
    }

    /// <summary>The plain values of every protected column, by column, sorted: what the engine reads.</summary>
    private static async Task<Dictionary<string, List<string>>> PlainValuesAsync(PathwayDatabase database)
    {
        await using var context = database.CreateContext();
        var values = new Dictionary<string, List<string>>();
        foreach (var (entity, property, table, column, _) in ProtectedColumnsOf(context))
        {
            var rows = await ReadAllAsync(context, entity);
            values[$"{table}.{column}"] = rows.Select(r => (string?)entity.GetProperty(property)!.GetValue(r)).OfType<string>()
                .Order(StringComparer.Ordinal).ToList();
        }

        return values;
    }

    /// <summary>Runs <paramref name="change"/> with the journal's append-only trigger lifted, as someone with full
    /// access to the database could (or as the release of before wrote its lines), then puts the trigger back.</summary>
    private async Task WithoutJournalGuardAsync(Func<Task> change)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            await Raw.ExecuteAsync("ALTER TABLE journal DISABLE TRIGGER journal_append_only");
            await change();
            await Raw.ExecuteAsync("ALTER TABLE journal ENABLE TRIGGER journal_append_only");
            return;
        }

        var trigger = Assert.Single(await Raw.ColumnAsync("sqlite_master", "sql"), t => t.Contains("TRIGGER journal_no_update", StringComparison.Ordinal));
        await Raw.ExecuteAsync("DROP TRIGGER journal_no_update");
        await change();
        await Raw.ExecuteAsync(trigger);
    }

    /// <summary>The key of a row holding <paramref name="column"/>, as a SQL condition on its key columns.</summary>
    private async Task<List<string>> RowsHoldingAsync(string table, string column, IReadOnlyList<string> key)
    {
        var rows = new List<string>();
        foreach (var row in await Raw.RowsAsync($"SELECT {string.Join(", ", key)} FROM {table} WHERE {column} IS NOT NULL ORDER BY {string.Join(", ", key)}"))
            rows.Add(string.Join(" AND ", key.Select((k, i) => $"{k} = '{row[i]}'")));
        return rows;
    }
}
