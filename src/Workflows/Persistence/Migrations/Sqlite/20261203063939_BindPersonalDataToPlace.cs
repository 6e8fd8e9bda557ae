using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BindPersonalDataToPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pending_rebinding",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    since = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_rebinding", x => x.id);
                    table.CheckConstraint("ck_pending_rebinding_id", "id = 1");
                });

            // Written by hand, not generated. A database migrated from before this migration may hold values that are
            // not bound to their place (pw1:); this row asks PersonalDataRebinding, run by the host right after the
            // migrations, to rewrite them bound (pw2:), and it is deleted once none remains (docs/protection.md). SQL
            // holds no key, so the rewrite cannot be done here.
            migrationBuilder.Sql("INSERT INTO pending_rebinding (id, since) VALUES (1, CURRENT_TIMESTAMP);");

            // The journal stays append-only, but for the rebinding: a pw1 value replaced by a pw2 one, the rest of the
            // line unchanged.
            migrationBuilder.Sql("""
                DROP TRIGGER journal_no_update;

                CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                WHEN NOT (
                    ifnull(substr(OLD.data, 1, 4), '') = 'pw1:' AND ifnull(substr(NEW.data, 1, 4), '') = 'pw2:'
                    AND NEW.file_id IS OLD.file_id AND NEW.sequence IS OLD.sequence AND NEW.at IS OLD.at
                    AND NEW.actor IS OLD.actor AND NEW.kind IS OLD.kind AND NEW.stimulus_id IS OLD.stimulus_id
                    AND NEW.activity_id IS OLD.activity_id AND NEW.token_id IS OLD.token_id)
                BEGIN
                    SELECT RAISE(ABORT, 'the journal is append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to a strictly append-only journal. Values already rebound stay pw2: the code of before cannot read
            // them, so going down is for a database that held no personal data.
            migrationBuilder.Sql("""
                DROP TRIGGER journal_no_update;

                CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                BEGIN
                    SELECT RAISE(ABORT, 'the journal is append-only');
                END;
                """);

            migrationBuilder.DropTable(
                name: "pending_rebinding");
        }
    }
}
