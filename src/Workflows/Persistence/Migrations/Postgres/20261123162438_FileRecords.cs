using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FileRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_journal",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    file_id = table.Column<string>(type: "text", nullable: true),
                    what = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_journal", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "file_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_file_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_file_notes_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "intakes",
                columns: table => new
                {
                    file_id = table.Column<string>(type: "text", nullable: false),
                    origin = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateOnly>(type: "date", nullable: false),
                    danger_level = table.Column<string>(type: "text", nullable: false),
                    reporter = table.Column<string>(type: "text", nullable: false),
                    minor = table.Column<string>(type: "text", nullable: false),
                    facts = table.Column<string>(type: "text", nullable: false),
                    identity_key = table.Column<string>(type: "text", nullable: false),
                    probable_identity_key = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intakes", x => x.file_id);
                    table.ForeignKey(
                        name: "fk_intakes_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_journal_file",
                table: "access_journal",
                columns: new[] { "file_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_file_notes_file_id",
                table: "file_notes",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_intakes_identity_key",
                table: "intakes",
                column: "identity_key");

            migrationBuilder.CreateIndex(
                name: "ix_intakes_probable_identity_key",
                table: "intakes",
                column: "probable_identity_key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_journal");

            migrationBuilder.DropTable(
                name: "file_notes");

            migrationBuilder.DropTable(
                name: "intakes");
        }
    }
}
