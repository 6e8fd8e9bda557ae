using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pathway.Workflows.Persistence.Migrations.Postgres;

/// <summary>
/// The engine's schema on PostgreSQL, written by hand in SQL so that the rules the database itself enforces
/// (published versions immutable, journal append-only, files pinned to their version) read in one place.
/// </summary>
[DbContext(typeof(PostgresPathwayContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migration)
    {
        migration.Sql("""
            CREATE TABLE definition_versions (
                definition_id text NOT NULL,
                version integer NOT NULL CHECK (version > 0),
                name text NOT NULL,
                status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
                document json NOT NULL,
                created_at timestamptz NOT NULL,
                created_by text NOT NULL,
                published_at timestamptz,
                published_by text,
                retired_at timestamptz,
                retired_by text,
                CONSTRAINT pk_definition_versions PRIMARY KEY (definition_id, version)
            );
            CREATE INDEX ix_definition_versions_status ON definition_versions (definition_id, status);

            CREATE TABLE files (
                id text NOT NULL CONSTRAINT pk_files PRIMARY KEY,
                definition_id text NOT NULL,
                version integer NOT NULL,
                status text NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'faulted')),
                state json NOT NULL,
                revision bigint NOT NULL,
                journal_sequence bigint NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                closed_at timestamptz,
                CONSTRAINT fk_files_definition_versions FOREIGN KEY (definition_id, version)
                    REFERENCES definition_versions (definition_id, version) ON DELETE RESTRICT
            );
            CREATE INDEX ix_files_status ON files (status);
            CREATE INDEX ix_files_definition_version ON files (definition_id, version);

            CREATE TABLE file_stages (
                file_id text NOT NULL CONSTRAINT fk_file_stages_files REFERENCES files (id) ON DELETE CASCADE,
                stage text NOT NULL,
                CONSTRAINT pk_file_stages PRIMARY KEY (file_id, stage)
            );
            CREATE INDEX ix_file_stages_stage ON file_stages (stage);

            CREATE TABLE bookmarks (
                id uuid NOT NULL CONSTRAINT pk_bookmarks PRIMARY KEY,
                file_id text NOT NULL CONSTRAINT fk_bookmarks_files REFERENCES files (id) ON DELETE CASCADE,
                kind text NOT NULL,
                activity_id text NOT NULL,
                due_at timestamptz,
                event_name text,
                correlation_key text,
                created_at timestamptz NOT NULL
            );
            CREATE INDEX ix_bookmarks_file ON bookmarks (file_id);
            CREATE INDEX ix_bookmarks_due_at ON bookmarks (due_at) WHERE due_at IS NOT NULL;
            CREATE INDEX ix_bookmarks_event ON bookmarks (event_name, correlation_key) WHERE event_name IS NOT NULL;

            CREATE TABLE journal (
                file_id text NOT NULL CONSTRAINT fk_journal_files REFERENCES files (id) ON DELETE RESTRICT,
                sequence bigint NOT NULL,
                at timestamptz NOT NULL,
                actor text NOT NULL,
                kind text NOT NULL,
                stimulus_id text,
                activity_id text,
                token_id text,
                data json,
                CONSTRAINT pk_journal PRIMARY KEY (file_id, sequence)
            );

            CREATE TABLE applied_stimuli (
                file_id text NOT NULL CONSTRAINT fk_applied_stimuli_files REFERENCES files (id) ON DELETE RESTRICT,
                stimulus_id text NOT NULL,
                kind text NOT NULL,
                applied_at timestamptz NOT NULL,
                ignored_because text,
                CONSTRAINT pk_applied_stimuli PRIMARY KEY (file_id, stimulus_id)
            );

            CREATE TABLE outbox (
                message_id uuid NOT NULL CONSTRAINT pk_outbox PRIMARY KEY,
                file_id text NOT NULL,
                kind text NOT NULL,
                destination text,
                due_at timestamptz,
                payload json NOT NULL,
                created_at timestamptz NOT NULL,
                sent_at timestamptz,
                attempts integer NOT NULL,
                last_error text
            );
            CREATE INDEX ix_outbox_pending ON outbox (created_at) WHERE sent_at IS NULL;

            -- A published version is frozen: the only change allowed is published -> retired, stamped.
            -- Drafts change freely and may be deleted; published and retired versions may not.
            CREATE FUNCTION pathway_guard_definition_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    IF OLD.status <> 'draft' THEN
                        RAISE EXCEPTION 'definition % v% is %: it cannot be deleted', OLD.definition_id, OLD.version, OLD.status
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN OLD;
                END IF;
                IF OLD.status = 'draft' THEN
                    RETURN NEW;
                END IF;
                IF NOT (OLD.status = 'published' AND NEW.status = 'retired')
                   OR (NEW.definition_id, NEW.version, NEW.name, NEW.document::text, NEW.created_at, NEW.created_by,
                       NEW.published_at, NEW.published_by)
                      IS DISTINCT FROM
                      (OLD.definition_id, OLD.version, OLD.name, OLD.document::text, OLD.created_at, OLD.created_by,
                       OLD.published_at, OLD.published_by) THEN
                    RAISE EXCEPTION 'definition % v% is %: it is immutable', OLD.definition_id, OLD.version, OLD.status
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER definition_versions_immutable BEFORE UPDATE OR DELETE ON definition_versions
                FOR EACH ROW EXECUTE FUNCTION pathway_guard_definition_version();

            -- The journal is append-only.
            CREATE FUNCTION pathway_guard_journal() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the journal is append-only' USING ERRCODE = 'integrity_constraint_violation';
            END $$;
            CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
                FOR EACH ROW EXECUTE FUNCTION pathway_guard_journal();
            CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
                FOR EACH STATEMENT EXECUTE FUNCTION pathway_guard_journal();

            -- A file starts on a published version and stays on it.
            CREATE FUNCTION pathway_guard_file_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    IF NOT EXISTS (SELECT 1 FROM definition_versions v
                                   WHERE v.definition_id = NEW.definition_id AND v.version = NEW.version
                                     AND v.status = 'published') THEN
                        RAISE EXCEPTION 'definition % v% is not published: no file can start on it', NEW.definition_id, NEW.version
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                ELSIF (NEW.definition_id, NEW.version) IS DISTINCT FROM (OLD.definition_id, OLD.version) THEN
                    RAISE EXCEPTION 'file % is pinned to % v%', OLD.id, OLD.definition_id, OLD.version
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER files_pinned_to_version BEFORE INSERT OR UPDATE ON files
                FOR EACH ROW EXECUTE FUNCTION pathway_guard_file_version();
            """);
    }

    protected override void Down(MigrationBuilder migration)
    {
        migration.Sql("""
            DROP TABLE outbox, applied_stimuli, journal, bookmarks, file_stages, files, definition_versions;
            DROP FUNCTION pathway_guard_definition_version(), pathway_guard_journal(), pathway_guard_file_version();
            """);
    }
}
