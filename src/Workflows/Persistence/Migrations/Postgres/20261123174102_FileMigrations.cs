using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Postgres
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
                    migration_id = table.Column<string>(type: "text", nullable: false),
                    file_id = table.Column<string>(type: "text", nullable: false),
                    definition_id = table.Column<string>(type: "text", nullable: false),
                    from_version = table.Column<int>(type: "integer", nullable: false),
                    to_version = table.Column<int>(type: "integer", nullable: false),
                    file_revision = table.Column<long>(type: "bigint", nullable: false),
                    applied_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    applied_by = table.Column<string>(type: "text", nullable: false)
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
                CREATE OR REPLACE FUNCTION pathway_guard_file_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NOT EXISTS (SELECT 1 FROM definition_versions v
                                       WHERE v.definition_id = NEW.definition_id AND v.version = NEW.version
                                         AND v.status = 'published') THEN
                            RAISE EXCEPTION 'definition % v% is not published: no file can start on it', NEW.definition_id, NEW.version
                                USING ERRCODE = 'integrity_constraint_violation';
                        END IF;
                    ELSIF (NEW.definition_id, NEW.version) IS DISTINCT FROM (OLD.definition_id, OLD.version) THEN
                        IF NEW.definition_id IS DISTINCT FROM OLD.definition_id
                           OR NOT EXISTS (SELECT 1 FROM file_migrations m
                                          WHERE m.file_id = OLD.id AND m.definition_id = OLD.definition_id
                                            AND m.from_version = OLD.version AND m.to_version = NEW.version
                                            AND m.file_revision = NEW.revision)
                           OR NOT EXISTS (SELECT 1 FROM definition_versions v
                                          WHERE v.definition_id = NEW.definition_id AND v.version = NEW.version
                                            AND v.status = 'published') THEN
                            RAISE EXCEPTION 'file % is pinned to % v%: only a migration moves it', OLD.id, OLD.definition_id, OLD.version
                                USING ERRCODE = 'integrity_constraint_violation';
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$;

                CREATE FUNCTION pathway_guard_file_migrations() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'file_migrations is append-only' USING ERRCODE = 'integrity_constraint_violation';
                END $$;
                CREATE TRIGGER file_migrations_append_only BEFORE UPDATE OR DELETE ON file_migrations
                    FOR EACH ROW EXECUTE FUNCTION pathway_guard_file_migrations();
                CREATE TRIGGER file_migrations_no_truncate BEFORE TRUNCATE ON file_migrations
                    FOR EACH STATEMENT EXECUTE FUNCTION pathway_guard_file_migrations();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER file_migrations_no_truncate ON file_migrations;
                DROP TRIGGER file_migrations_append_only ON file_migrations;
                DROP FUNCTION pathway_guard_file_migrations();
                CREATE OR REPLACE FUNCTION pathway_guard_file_version() RETURNS trigger LANGUAGE plpgsql AS $$
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
                """);

            migrationBuilder.DropTable(
                name: "file_migrations");
        }
    }
}
