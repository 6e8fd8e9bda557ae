using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Sqlite
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
                    definition_id = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", nullable: false),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    published_by = table.Column<string>(type: "TEXT", nullable: true),
                    retired_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    retired_by = table.Column<string>(type: "TEXT", nullable: true)
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
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    destination = table.Column<string>(type: "TEXT", nullable: true),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.message_id);
                });

            migrationBuilder.CreateTable(
                name: "files",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    revision = table.Column<long>(type: "INTEGER", nullable: false),
                    journal_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    stimulus_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    applied_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ignored_because = table.Column<string>(type: "TEXT", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", nullable: false),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    event_name = table.Column<string>(type: "TEXT", nullable: true),
                    correlation_key = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", nullable: false)
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
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    stimulus_id = table.Column<string>(type: "TEXT", nullable: true),
                    activity_id = table.Column<string>(type: "TEXT", nullable: true),
                    token_id = table.Column<string>(type: "TEXT", nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: true)
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

            // Written by hand, not generated: the same rules as on PostgreSQL (published versions immutable,
            // retired only from published, journal append-only, files pinned to their version).
            migrationBuilder.Sql("""
                CREATE TRIGGER definition_versions_immutable BEFORE UPDATE ON definition_versions
                WHEN OLD.status <> 'draft' AND NOT (
                    OLD.status = 'published' AND NEW.status = 'retired'
                    AND NEW.definition_id IS OLD.definition_id AND NEW.version IS OLD.version AND NEW.name IS OLD.name
                    AND NEW.document IS OLD.document AND NEW.created_at IS OLD.created_at AND NEW.created_by IS OLD.created_by
                    AND NEW.published_at IS OLD.published_at AND NEW.published_by IS OLD.published_by)
                BEGIN
                    SELECT RAISE(ABORT, 'a published definition version is immutable');
                END;

                CREATE TRIGGER definition_versions_retire_published_only BEFORE UPDATE ON definition_versions
                WHEN OLD.status = 'draft' AND NEW.status = 'retired'
                BEGIN
                    SELECT RAISE(ABORT, 'only a published definition version can be retired');
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
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Triggers first (dropping the tables would drop them too; explicit, as on PostgreSQL).
            migrationBuilder.Sql("""
                DROP TRIGGER files_pinned_to_version;
                DROP TRIGGER files_start_on_published;
                DROP TRIGGER journal_no_delete;
                DROP TRIGGER journal_no_update;
                DROP TRIGGER definition_versions_undeletable;
                DROP TRIGGER definition_versions_retire_published_only;
                DROP TRIGGER definition_versions_immutable;
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
