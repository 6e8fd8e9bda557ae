using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// The engine's tables. One model for both providers; each provider has its own context type only so that
/// it has its own committed migrations (<see cref="PostgresPathwayContext"/>, <see cref="SqlitePathwayContext"/>).
/// The columns that may hold personal data are encrypted by <paramref name="protector"/> as they are written and
/// decrypted as they are read: callers see plain strings (docs/protection.md).
/// </summary>
public abstract class PathwayDbContext(DbContextOptions options, PersonalDataProtector protector) : DbContext(options)
{
    /// <summary>Encrypts and decrypts the protected columns; part of the model's cache key.</summary>
    public PersonalDataProtector Protector { get; } = protector;

    public DbSet<DefinitionVersionRow> DefinitionVersions => Set<DefinitionVersionRow>();

    public DbSet<FileRow> Files => Set<FileRow>();

    public DbSet<FileStageRow> FileStages => Set<FileStageRow>();

    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();

    public DbSet<JournalRow> Journal => Set<JournalRow>();

    public DbSet<AppliedStimulusRow> AppliedStimuli => Set<AppliedStimulusRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<IntakeRow> Intakes => Set<IntakeRow>();

    public DbSet<FileNoteRow> FileNotes => Set<FileNoteRow>();

    public DbSet<AccessRow> AccessJournal => Set<AccessRow>();

    public DbSet<FileMigrationRow> FileMigrations => Set<FileMigrationRow>();

    public DbSet<IdempotencyKeyRow> IdempotencyKeys => Set<IdempotencyKeyRow>();

    /// <summary>Column type of JSON documents: PostgreSQL's <c>json</c> keeps any string (jsonb refuses
    /// <c>\u0000</c>, which a partner's free text may hold); SQLite stores text.</summary>
    protected abstract string? JsonColumnType { get; }

    protected override void OnConfiguring(DbContextOptionsBuilder options) =>
        // The protector's converters are built into the model, and EF Core caches one model per context type:
        // without this, a second key ring in the same process would use the first one's keys.
        options.ReplaceService<IModelCacheKeyFactory, PathwayModelCacheKeyFactory>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite hands DateTime back unspecified; every time in Pathway is UTC.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        Tables(model);
        ProtectPersonalData(model);
        // Columns are the properties' names in snake_case, as the migrations write them.
        foreach (var property in model.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            property.SetColumnName(SnakeCase(property.Name));
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    // The whole schema is here, constraint names included, so that `dotnet ef migrations add` writes it and
    // HasPendingModelChanges sees any drift. Index filters are SQL that both providers accept. The rules only
    // triggers can enforce (published versions immutable, journal append-only, files pinned to their version)
    // are in the migrations, as migrationBuilder.Sql.
    private void Tables(ModelBuilder model)
    {
        model.Entity<DefinitionVersionRow>(e =>
        {
            e.ToTable("definition_versions", t =>
            {
                t.HasCheckConstraint("ck_definition_versions_version", "version > 0");
                t.HasCheckConstraint("ck_definition_versions_status", "status IN ('draft', 'published', 'retired')");
            });
            e.HasKey(x => new { x.DefinitionId, x.Version }).HasName("pk_definition_versions");
            e.Property(x => x.Version).ValueGeneratedNever();
            e.Property(x => x.Document).HasColumnType(JsonColumnType);
            e.HasIndex(x => new { x.DefinitionId, x.Status }).HasDatabaseName("ix_definition_versions_status");
        });

        model.Entity<FileRow>(e =>
        {
            e.ToTable("files", t =>
                t.HasCheckConstraint("ck_files_status", "status IN ('running', 'completed', 'cancelled', 'faulted')"));
            e.HasKey(x => x.Id).HasName("pk_files");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasOne<DefinitionVersionRow>().WithMany()
                .HasForeignKey(x => new { x.DefinitionId, x.Version })
                .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_files_definition_versions");
            e.HasMany(x => x.Stages).WithOne().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_file_stages_files");
            e.HasMany(x => x.Bookmarks).WithOne().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_bookmarks_files");
            e.HasIndex(x => x.Status).HasDatabaseName("ix_files_status");
            e.HasIndex(x => new { x.DefinitionId, x.Version }).HasDatabaseName("ix_files_definition_version");
        });

        model.Entity<FileStageRow>(e =>
        {
            e.ToTable("file_stages");
            e.HasKey(x => new { x.FileId, x.Stage }).HasName("pk_file_stages");
            e.HasIndex(x => x.Stage).HasDatabaseName("ix_file_stages_stage");
        });

        model.Entity<BookmarkRow>(e =>
        {
            e.ToTable("bookmarks");
            e.HasKey(x => x.Id).HasName("pk_bookmarks");
            e.Property(x => x.Id).ValueGeneratedNever();
            // Closed bookmarks are history: every query sees the open ones unless it says IgnoreQueryFilters.
            e.HasQueryFilter(x => x.ClosedAt == null);
            e.HasIndex(x => x.FileId).HasDatabaseName("ix_bookmarks_file");
            e.HasIndex(x => new { x.Purpose, x.Addressee }).HasDatabaseName("ix_bookmarks_addressee")
                .HasFilter("closed_at IS NULL AND addressee IS NOT NULL");
            e.HasIndex(x => x.DueAt).HasDatabaseName("ix_bookmarks_due_at").HasFilter("due_at IS NOT NULL");
            e.HasIndex(x => new { x.EventName, x.CorrelationKey }).HasDatabaseName("ix_bookmarks_event")
                .HasFilter("event_name IS NOT NULL");
        });

        model.Entity<JournalRow>(e =>
        {
            e.ToTable("journal");
            e.HasKey(x => new { x.FileId, x.Sequence }).HasName("pk_journal");
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.HasOne<FileRow>().WithMany().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_journal_files");
        });

        model.Entity<AppliedStimulusRow>(e =>
        {
            e.ToTable("applied_stimuli");
            e.HasKey(x => new { x.FileId, x.StimulusId }).HasName("pk_applied_stimuli");
            e.HasOne<FileRow>().WithMany().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_applied_stimuli_files");
        });

        model.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.MessageId).HasName("pk_outbox");
            e.Property(x => x.MessageId).ValueGeneratedNever();
            e.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_outbox_pending").HasFilter("sent_at IS NULL");
        });

        model.Entity<IntakeRow>(e =>
        {
            e.ToTable("intakes");
            e.HasKey(x => x.FileId).HasName("pk_intakes");
            e.HasOne<FileRow>().WithOne().HasForeignKey<IntakeRow>(x => x.FileId)
                .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_intakes_files");
            e.HasIndex(x => x.IdentityKey).HasDatabaseName("ix_intakes_identity_key");
            e.HasIndex(x => x.ProbableIdentityKey).HasDatabaseName("ix_intakes_probable_identity_key");
        });

        model.Entity<FileNoteRow>(e =>
        {
            e.ToTable("file_notes");
            e.HasKey(x => x.Id).HasName("pk_file_notes");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasOne<FileRow>().WithMany().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_file_notes_files");
        });

        model.Entity<AccessRow>(e =>
        {
            e.ToTable("access_journal");
            e.HasKey(x => x.Id).HasName("pk_access_journal");
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.FileId, x.At }).HasDatabaseName("ix_access_journal_file");
        });

        model.Entity<FileMigrationRow>(e =>
        {
            e.ToTable("file_migrations");
            e.HasKey(x => new { x.MigrationId, x.FileId }).HasName("pk_file_migrations");
            e.HasOne<FileRow>().WithMany().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_file_migrations_files");
            e.HasIndex(x => x.FileId).HasDatabaseName("ix_file_migrations_file");
        });

        model.Entity<IdempotencyKeyRow>(e =>
        {
            e.ToTable("idempotency_keys");
            // One answer per user and key: a concurrent twin of a request fails on this key and is rolled back whole.
            e.HasKey(x => new { x.Actor, x.Key }).HasName("pk_idempotency_keys");
            e.HasIndex(x => x.ExpiresAt).HasDatabaseName("ix_idempotency_keys_expires_at");
        });
    }

    /// <summary>
    /// Every column that can carry personal data, encrypted (text in both providers): the file's state (its
    /// variables), journal lines and bookmarks' data (values, answers), outbox payloads (messages carry the
    /// fields a task shares), the intake, the notes and the answers kept for retried requests (they name files and
    /// say which are about the same minor). The other columns are ids, statuses, stages, kinds and
    /// times, which hold no personal data by construction and stay queryable.
    /// </summary>
    public static readonly IReadOnlyList<(Type Entity, string Property)> ProtectedColumns =
    [
        (typeof(FileRow), nameof(FileRow.State)),
        (typeof(BookmarkRow), nameof(BookmarkRow.Data)),
        (typeof(JournalRow), nameof(JournalRow.Data)),
        (typeof(OutboxRow), nameof(OutboxRow.Payload)),
        (typeof(IntakeRow), nameof(IntakeRow.Reporter)),
        (typeof(IntakeRow), nameof(IntakeRow.Minor)),
        (typeof(IntakeRow), nameof(IntakeRow.Facts)),
        (typeof(FileNoteRow), nameof(FileNoteRow.Text)),
        (typeof(IdempotencyKeyRow), nameof(IdempotencyKeyRow.Body)),
    ];

    private void ProtectPersonalData(ModelBuilder model)
    {
        foreach (var (type, name) in ProtectedColumns)
        {
            var entity = model.Entity(type);
            // The column as exceptions name it (files.state): never the value.
            entity.Property(name).HasConversion(new ProtectedConverter(Protector, $"{entity.Metadata.GetTableName()}.{SnakeCase(name)}"));
        }
    }

    /// <summary>Encrypts on write, decrypts on read. Nulls stay null (EF Core never hands them to a converter).</summary>
    private sealed class ProtectedConverter(PersonalDataProtector protector, string column) : ValueConverter<string, string>(
        v => protector.Protect(v),
        v => protector.Unprotect(v, column));

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>PostgreSQL, for production and the tests that race stimuli.</summary>
public sealed class PostgresPathwayContext(DbContextOptions<PostgresPathwayContext> options, PersonalDataProtector protector)
    : PathwayDbContext(options, protector)
{
    protected override string? JsonColumnType => "json";
}

/// <summary>SQLite, the embedded default: nothing to install.</summary>
public sealed class SqlitePathwayContext(DbContextOptions<SqlitePathwayContext> options, PersonalDataProtector protector)
    : PathwayDbContext(options, protector)
{
    protected override string? JsonColumnType => null;
}

/// <summary>
/// EF Core builds a model once per cache key and reuses it for every context with that key. The protected
/// columns' converters hold the key ring, so the ring is part of the key: two databases with different keys in
/// one process each get their own model, and any number of databases with the same keys share one.
/// </summary>
internal sealed class PathwayModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => context is PathwayDbContext pathway
        ? (context.GetType(), pathway.Protector, designTime)
        : (context.GetType(), designTime);
}
