using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonalDataProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The columns that may hold personal data are now encrypted (docs/protection.md): text, not json.
            // A database holding plaintext from before this migration cannot be read by the engine afterwards
            // (no key exists in SQL to encrypt it here); Pathway had no production database before it.
            migrationBuilder.AlterColumn<string>(
                name: "payload",
                table: "outbox",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "json");

            migrationBuilder.AlterColumn<string>(
                name: "data",
                table: "journal",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "json",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "state",
                table: "files",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "json");

            migrationBuilder.AlterColumn<string>(
                name: "data",
                table: "bookmarks",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "json",
                oldNullable: true);

            // Written by hand, not generated: the access journal is append-only, as the journal is.
            migrationBuilder.Sql("""
                CREATE FUNCTION pathway_guard_access_journal() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the access journal is append-only' USING ERRCODE = 'integrity_constraint_violation';
                END $$;
                CREATE TRIGGER access_journal_append_only BEFORE UPDATE OR DELETE ON access_journal
                    FOR EACH ROW EXECUTE FUNCTION pathway_guard_access_journal();
                CREATE TRIGGER access_journal_no_truncate BEFORE TRUNCATE ON access_journal
                    FOR EACH STATEMENT EXECUTE FUNCTION pathway_guard_access_journal();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER access_journal_no_truncate ON access_journal;
                DROP TRIGGER access_journal_append_only ON access_journal;
                DROP FUNCTION pathway_guard_access_journal();
                """);

            // Back to json only on a database without encrypted rows: an encrypted value is not JSON.
            migrationBuilder.AlterColumn<string>(
                name: "payload",
                table: "outbox",
                type: "json",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "data",
                table: "journal",
                type: "json",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "state",
                table: "files",
                type: "json",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "data",
                table: "bookmarks",
                type: "json",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
