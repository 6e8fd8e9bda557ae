using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Postgres
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
                    id = table.Column<int>(type: "integer", nullable: false),
                    since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                CREATE OR REPLACE FUNCTION pathway_guard_journal() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        IF left(OLD.data, 4) = 'pw1:' AND left(NEW.data, 4) = 'pw2:'
                           AND (NEW.file_id, NEW.sequence, NEW.at, NEW.actor, NEW.kind, NEW.stimulus_id, NEW.activity_id, NEW.token_id)
                               IS NOT DISTINCT FROM
                               (OLD.file_id, OLD.sequence, OLD.at, OLD.actor, OLD.kind, OLD.stimulus_id, OLD.activity_id, OLD.token_id) THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'the journal is append-only' USING ERRCODE = 'integrity_constraint_violation';
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to a strictly append-only journal. Values already rebound stay pw2: the code of before cannot read
            // them, so going down is for a database that held no personal data.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION pathway_guard_journal() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the journal is append-only' USING ERRCODE = 'integrity_constraint_violation';
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "pending_rebinding");
        }
    }
}
