using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TasksAndEscalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    role = table.Column<string>(type: "TEXT", nullable: false),
                    cause = table.Column<string>(type: "TEXT", nullable: false),
                    about_task_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    from_escalation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    raised_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    rises_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_action = table.Column<string>(type: "TEXT", nullable: true),
                    acted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    acted_by = table.Column<string>(type: "TEXT", nullable: true),
                    closure = table.Column<string>(type: "TEXT", nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                    table.CheckConstraint("ck_escalations_level", "level IN (1, 2)");
                    table.ForeignKey(
                        name: "fk_escalations_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pending_record_backfill",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    since = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_record_backfill", x => x.id);
                    table.CheckConstraint("ck_pending_record_backfill_id", "id = 1");
                });

            // The tasks and escalations opened before this migration have no rows yet: RecordBackfill writes them from
            // their (encrypted) bookmarks right after the migrations, then deletes this row.
            migrationBuilder.Sql("INSERT INTO pending_record_backfill (id, since) VALUES (1, CURRENT_TIMESTAMP);");

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", nullable: false),
                    assignee = table.Column<string>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: true),
                    assigned_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    acknowledge_by = table.Column<DateTime>(type: "TEXT", nullable: true),
                    acknowledged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    legal_basis = table.Column<string>(type: "TEXT", nullable: true),
                    counting = table.Column<string>(type: "TEXT", nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tasks", x => x.id);
                    table.CheckConstraint("ck_tasks_status", "status IN ('assigned', 'acknowledged', 'completed', 'declined', 'withdrawn')");
                    table.ForeignKey(
                        name: "fk_tasks_files",
                        column: x => x.file_id,
                        principalTable: "files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_file",
                table: "escalations",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_from",
                table: "escalations",
                column: "from_escalation_id",
                filter: "from_escalation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_open",
                table: "escalations",
                columns: new[] { "level", "raised_at" },
                filter: "closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_raised_at",
                table: "escalations",
                column: "raised_at");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_assignee",
                table: "tasks",
                columns: new[] { "assignee", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_file",
                table: "tasks",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_open_due_at",
                table: "tasks",
                column: "due_at",
                filter: "closed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "pending_record_backfill");

            migrationBuilder.DropTable(
                name: "tasks");
        }
    }
}
