using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "definition_versions",
                columns: table => new
                {
                    definition_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    document = table.Column<string>(type: "json", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "text", nullable: true),
                    retired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    retired_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_definition_versions", x => new { x.definition_id, x.version });
                    table.CheckConstraint("ck_definition_versions_status", "status IN ('draft', 'published', 'retired')");
                    table.CheckConstraint("ck_definition_versions_version", "version > 0");
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    destination = table.Column<string>(type: "text", nullable: true),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    payload = table.Column<string>(type: "json", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.message_id);
                });

            migrationBuilder.CreateTable(
                name: "files",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    definition_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "json", nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    journal_sequence = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_files", x => x.id);
                    table.CheckConstraint("ck_files_status", "status IN ('running', 'completed', 'cancelled', 'faulted')");
                    table.ForeignKey(
                        name: "fk_files_definition_versions",
                        columns: x => new { x.definition_id, x.version },
                        principalTable: "definition_versions",
                        principalColumns: new[] { "definition_id", "version" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "applied_stimuli",
                columns: table => new
                {
                    file_id = table.Column<string>(type: "text", nullable: false),
                    stimulus_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    applied_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ignored_because = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_applied_stimuli", x => new { x.file_id, x.stimulus_id });
                    table.ForeignKey(
                        name: "fk_applied_stimuli_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bookmarks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    activity_id = table.Column<string>(type: "text", nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    event_name = table.Column<string>(type: "text", nullable: true),
                    correlation_key = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "fk_bookmarks_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "file_stages",
                columns: table => new
                {
                    file_id = table.Column<string>(type: "text", nullable: false),
                    stage = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_file_stages", x => new { x.file_id, x.stage });
                    table.ForeignKey(
                        name: "fk_file_stages_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journal",
                columns: table => new
                {
                    file_id = table.Column<string>(type: "text", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    stimulus_id = table.Column<string>(type: "text", nullable: true),
                    activity_id = table.Column<string>(type: "text", nullable: true),
                    token_id = table.Column<string>(type: "text", nullable: true),
                    data = table.Column<string>(type: "json", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal", x => new { x.file_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_journal_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_due_at",
                table: "bookmarks",
                column: "due_at",
                filter: "due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_event",
                table: "bookmarks",
                columns: new[] { "event_name", "correlation_key" },
                filter: "event_name IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_file",
                table: "bookmarks",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_definition_versions_status",
                table: "definition_versions",
                columns: new[] { "definition_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_file_stages_stage",
                table: "file_stages",
                column: "stage");

            migrationBuilder.CreateIndex(
                name: "ix_files_definition_version",
                table: "files",
                columns: new[] { "definition_id", "version" });

            migrationBuilder.CreateIndex(
                name: "ix_files_status",
                table: "files",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox",
                column: "created_at",
                filter: "sent_at IS NULL");

            // Written by hand, not generated: the rules only triggers can enforce (published versions immutable,
            // retired only from published, journal append-only, files pinned to their version).
            migrationBuilder.Sql("""
                -- A published version is frozen: the only change allowed is published -> retired, stamped.
                -- Drafts change freely and may be deleted, but only a published version can be retired;
                -- published and retired versions may not be deleted.
                CREATE FUNCTION pathway_guard_definition_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD.status <> 'draft' THEN
                            RAISE EXCEPTION 'definition % v% is %: it cannot be deleted', OLD.definition_id, OLD.version, OLD.status
                                USING ERRCODE = 'integrity_constraint_violation';
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF OLD.status = 'draft' AND NEW.status = 'retired' THEN
                        RAISE EXCEPTION 'definition % v% is a draft: only a published version can be retired', OLD.definition_id, OLD.version
                            USING ERRCODE = 'integrity_constraint_violation';
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Triggers and their functions first; dropping the tables would leave the functions.
            migrationBuilder.Sql("""
                DROP TRIGGER files_pinned_to_version ON files;
                DROP TRIGGER journal_no_truncate ON journal;
                DROP TRIGGER journal_append_only ON journal;
                DROP TRIGGER definition_versions_immutable ON definition_versions;
                DROP FUNCTION pathway_guard_file_version(), pathway_guard_journal(), pathway_guard_definition_version();
                """);

            migrationBuilder.DropTable(
                name: "applied_stimuli");

            migrationBuilder.DropTable(
                name: "bookmarks");

            migrationBuilder.DropTable(
                name: "file_stages");

            migrationBuilder.DropTable(
                name: "journal");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "files");

            migrationBuilder.DropTable(
                name: "definition_versions");
        }
    }
}
