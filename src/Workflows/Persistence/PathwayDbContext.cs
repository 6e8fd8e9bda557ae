using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// The engine's tables. One model for both providers; each provider has its own context type only so that
/// it has its own committed migrations (<see cref="PostgresPathwayContext"/>, <see cref="SqlitePathwayContext"/>).
/// The columns that may hold personal data are encrypted by <paramref name="protector"/> as they are written and
/// decrypted as they are read, each bound to its place: callers see plain strings (<see cref="PersonalDataColumns"/>,
/// docs/protection.md).
/// </summary>
public abstract class PathwayDbContext(DbContextOptions options, PersonalDataProtector protector) : DbContext(options)
{
    /// <summary>Encrypts and decrypts the protected columns.</summary>
    public PersonalDataProtector Protector { get; } = protector;

    /// <summary>Whether values in the unbound form of before values were bound to their place (<c>pw1:</c>) are read:
    /// only by <see cref="PersonalDataRebinding"/>, which rewrites them bound; any other context refuses them.</summary>
    internal bool OpensUnboundValues { get; set; }

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

    public DbSet<TaskRow> Tasks => Set<TaskRow>();

    public DbSet<EscalationRow> Escalations => Set<EscalationRow>();

    public DbSet<PendingRecordBackfillRow> PendingRecordBackfill => Set<PendingRecordBackfillRow>();

    public DbSet<PendingRebindingRow> PendingRebinding => Set<PendingRebindingRow>();

    /// <summary>Column type of JSON documents: PostgreSQL's <c>json</c> keeps any string (jsonb refuses
    /// <c>\u0000</c>, which a partner's free text may hold); SQLite stores text.</summary>
    protected abstract string? JsonColumnType { get; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        // Opens and seals the protected columns. The model holds no key: the interceptor uses this context's ring.
        optionsBuilder.AddInterceptors(PersonalDataColumns.Interceptor.Instance);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back unspecified; every time in Pathway is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Tables(modelBuilder);
        // Columns are the properties' names in snake_case, as the migrations write them.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            property.SetColumnName(SnakeCase(property.Name));
        PersonalDataColumns.Map(modelBuilder, SnakeCase);
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

        model.Entity<TaskRow>(e =>
        {
            e.ToTable("tasks", t => t.HasCheckConstraint("ck_tasks_status",
                "status IN ('assigned', 'acknowledged', 'completed', 'declined', 'withdrawn')"));
            e.HasKey(x => x.Id).HasName("pk_tasks");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasOne<FileRow>().WithMany().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_tasks_files");
            e.HasIndex(x => x.FileId).HasDatabaseName("ix_tasks_file");
            // A partner's worklist and the files it may know of: its tasks, open first.
            e.HasIndex(x => new { x.Assignee, x.ClosedAt }).HasDatabaseName("ix_tasks_assignee");
            e.HasIndex(x => x.DueAt).HasDatabaseName("ix_tasks_open_due_at").HasFilter("closed_at IS NULL");
        });

        model.Entity<EscalationRow>(e =>
        {
            e.ToTable("escalations", t => t.HasCheckConstraint("ck_escalations_level", "level IN (1, 2)"));
            e.HasKey(x => x.Id).HasName("pk_escalations");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasOne<FileRow>().WithMany().HasForeignKey(x => x.FileId)
                .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_escalations_files");
            e.HasIndex(x => x.FileId).HasDatabaseName("ix_escalations_file");
            // The inbox: the open escalations, by level and age.
            e.HasIndex(x => new { x.Level, x.RaisedAt }).HasDatabaseName("ix_escalations_open").HasFilter("closed_at IS NULL");
            e.HasIndex(x => x.FromEscalationId).HasDatabaseName("ix_escalations_from").HasFilter("from_escalation_id IS NOT NULL");
            e.HasIndex(x => x.RaisedAt).HasDatabaseName("ix_escalations_raised_at");
        });

        model.Entity<PendingRecordBackfillRow>(e =>
        {
            e.ToTable("pending_record_backfill", t => t.HasCheckConstraint("ck_pending_record_backfill_id", "id = 1"));
            e.HasKey(x => x.Id).HasName("pk_pending_record_backfill");
            e.Property(x => x.Id).ValueGeneratedNever();
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
            // The per-file order checked when a row is claimed.
            e.HasIndex(x => new { x.FileId, x.FileRevision, x.Position }).HasDatabaseName("ix_outbox_file_order").HasFilter("sent_at IS NULL");
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

        model.Entity<PendingRebindingRow>(e =>
        {
            e.ToTable("pending_rebinding", t => t.HasCheckConstraint("ck_pending_rebinding_id", "id = 1"));
            e.HasKey(x => x.Id).HasName("pk_pending_rebinding");
            e.Property(x => x.Id).ValueGeneratedNever();
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
