using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pathway.Workflows.Persistence.Migrations.Sqlite;

/// <summary>
/// The engine's schema on SQLite: the same tables and the same rules as on PostgreSQL (published versions
/// immutable, journal append-only, files pinned to their version), enforced by triggers.
/// </summary>
[DbContext(typeof(SqlitePathwayContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        // SQLite enforces foreign keys only when asked; EF Core's SQLite provider asks on every connection it opens.
        migration.Sql("""
            CREATE TABLE definition_versions (
                definition_id TEXT NOT NULL,
                version INTEGER NOT NULL CHECK (version > 0),
                name TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
                document TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                published_at TEXT,
                published_by TEXT,
                retired_at TEXT,
                retired_by TEXT,
                CONSTRAINT pk_definition_versions PRIMARY KEY (definition_id, version)
            );
            CREATE INDEX ix_definition_versions_status ON definition_versions (definition_id, status);

            CREATE TABLE files (
                id TEXT NOT NULL CONSTRAINT pk_files PRIMARY KEY,
                definition_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'faulted')),
                state TEXT NOT NULL,
                revision INTEGER NOT NULL,
                journal_sequence INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                closed_at TEXT,
                CONSTRAINT fk_files_definition_versions FOREIGN KEY (definition_id, version)
                    REFERENCES definition_versions (definition_id, version) ON DELETE RESTRICT
            );
            CREATE INDEX ix_files_status ON files (status);
            CREATE INDEX ix_files_definition_version ON files (definition_id, version);

            CREATE TABLE file_stages (
                file_id TEXT NOT NULL CONSTRAINT fk_file_stages_files REFERENCES files (id) ON DELETE CASCADE,
                stage TEXT NOT NULL,
                CONSTRAINT pk_file_stages PRIMARY KEY (file_id, stage)
            );
            CREATE INDEX ix_file_stages_stage ON file_stages (stage);

            CREATE TABLE bookmarks (
                id TEXT NOT NULL CONSTRAINT pk_bookmarks PRIMARY KEY,
                file_id TEXT NOT NULL CONSTRAINT fk_bookmarks_files REFERENCES files (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                activity_id TEXT NOT NULL,
                due_at TEXT,
                event_name TEXT,
                correlation_key TEXT,
                created_at TEXT NOT NULL
            );
            CREATE INDEX ix_bookmarks_file ON bookmarks (file_id);
            CREATE INDEX ix_bookmarks_due_at ON bookmarks (due_at) WHERE due_at IS NOT NULL;
            CREATE INDEX ix_bookmarks_event ON bookmarks (event_name, correlation_key) WHERE event_name IS NOT NULL;

            CREATE TABLE journal (
                file_id TEXT NOT NULL CONSTRAINT fk_journal_files REFERENCES files (id) ON DELETE RESTRICT,
                sequence INTEGER NOT NULL,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                kind TEXT NOT NULL,
                stimulus_id TEXT,
                activity_id TEXT,
                token_id TEXT,
                data TEXT,
                CONSTRAINT pk_journal PRIMARY KEY (file_id, sequence)
            );

            CREATE TABLE applied_stimuli (
                file_id TEXT NOT NULL CONSTRAINT fk_applied_stimuli_files REFERENCES files (id) ON DELETE RESTRICT,
                stimulus_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                ignored_because TEXT,
                CONSTRAINT pk_applied_stimuli PRIMARY KEY (file_id, stimulus_id)
            );

            CREATE TABLE outbox (
                message_id TEXT NOT NULL CONSTRAINT pk_outbox PRIMARY KEY,
                file_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                destination TEXT,
                due_at TEXT,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                sent_at TEXT,
                attempts INTEGER NOT NULL,
                last_error TEXT
            );
            CREATE INDEX ix_outbox_pending ON outbox (created_at) WHERE sent_at IS NULL;

            CREATE TRIGGER definition_versions_immutable BEFORE UPDATE ON definition_versions
            WHEN OLD.status <> 'draft' AND NOT (
                OLD.status = 'published' AND NEW.status = 'retired'
                AND NEW.definition_id IS OLD.definition_id AND NEW.version IS OLD.version AND NEW.name IS OLD.name
                AND NEW.document IS OLD.document AND NEW.created_at IS OLD.created_at AND NEW.created_by IS OLD.created_by
                AND NEW.published_at IS OLD.published_at AND NEW.published_by IS OLD.published_by)
            BEGIN
                SELECT RAISE(ABORT, 'a published definition version is immutable');
            END;

            CREATE TRIGGER definition_versions_undeletable BEFORE DELETE ON definition_versions
            WHEN OLD.status <> 'draft'
            BEGIN
                SELECT RAISE(ABORT, 'a published definition version cannot be deleted');
            END;

            CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
            BEGIN
                SELECT RAISE(ABORT, 'the journal is append-only');
            END;

            CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
            BEGIN
                SELECT RAISE(ABORT, 'the journal is append-only');
            END;

            CREATE TRIGGER files_start_on_published BEFORE INSERT ON files
            WHEN NOT EXISTS (SELECT 1 FROM definition_versions v
                             WHERE v.definition_id = NEW.definition_id AND v.version = NEW.version AND v.status = 'published')
            BEGIN
                SELECT RAISE(ABORT, 'no file can start on a version that is not published');
            END;

            CREATE TRIGGER files_pinned_to_version BEFORE UPDATE ON files
            WHEN NEW.definition_id IS NOT OLD.definition_id OR NEW.version IS NOT OLD.version
            BEGIN
                SELECT RAISE(ABORT, 'a file is pinned to its definition version');
            END;
            """, suppressTransaction: false);
    }

    protected override void Down(MigrationBuilder migration)
    {
        migration.Sql("""
            DROP TABLE outbox; DROP TABLE applied_stimuli; DROP TABLE journal; DROP TABLE bookmarks;
            DROP TABLE file_stages; DROP TABLE files; DROP TABLE definition_versions;
            """);
    }
}
