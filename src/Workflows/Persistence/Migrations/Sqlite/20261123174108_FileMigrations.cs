using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FileMigrations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "file_migrations",
                columns: table => new
                {
                    migration_id = table.Column<string>(type: "TEXT", nullable: false),
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: false),
                    from_version = table.Column<int>(type: "INTEGER", nullable: false),
                    to_version = table.Column<int>(type: "INTEGER", nullable: false),
                    file_revision = table.Column<long>(type: "INTEGER", nullable: false),
                    applied_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    applied_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_file_migrations", x => new { x.migration_id, x.file_id });
                    table.ForeignKey(
                        name: "fk_file_migrations_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_file_migrations_file",
                table: "file_migrations",
                column: "file_id");

            // A file's version changes only by a sanctioned migration: a file_migrations row, written just before in the
            // same transaction, naming the file, both versions and the revision the file gets. That row is append-only.
            migrationBuilder.Sql("""
                DROP TRIGGER files_pinned_to_version;

                CREATE TRIGGER files_pinned_to_version BEFORE UPDATE ON files
                WHEN (NEW.definition_id IS NOT OLD.definition_id OR NEW.version IS NOT OLD.version) AND NOT (
                    NEW.definition_id IS OLD.definition_id
                    AND EXISTS (SELECT 1 FROM file_migrations m
                                WHERE m.file_id = OLD.id AND m.definition_id = OLD.definition_id
                                  AND m.from_version = OLD.version AND m.to_version = NEW.version AND m.file_revision = NEW.revision)
                    AND EXISTS (SELECT 1 FROM definition_versions v
                                WHERE v.definition_id = NEW.definition_id AND v.version = NEW.version AND v.status = 'published'))
                BEGIN
                    SELECT RAISE(ABORT, 'a file is pinned to its definition version: only a migration moves it');
                END;

                CREATE TRIGGER file_migrations_no_update BEFORE UPDATE ON file_migrations
                BEGIN
                    SELECT RAISE(ABORT, 'file_migrations is append-only');
                END;

                CREATE TRIGGER file_migrations_no_delete BEFORE DELETE ON file_migrations
                BEGIN
                    SELECT RAISE(ABORT, 'file_migrations is append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER file_migrations_no_delete;
                DROP TRIGGER file_migrations_no_update;
                DROP TRIGGER files_pinned_to_version;
                CREATE TRIGGER files_pinned_to_version BEFORE UPDATE ON files
                WHEN NEW.definition_id IS NOT OLD.definition_id OR NEW.version IS NOT OLD.version
                BEGIN
                    SELECT RAISE(ABORT, 'a file is pinned to its definition version');
                END;
                """);

            migrationBuilder.DropTable(
                name: "file_migrations");
        }
    }
}
