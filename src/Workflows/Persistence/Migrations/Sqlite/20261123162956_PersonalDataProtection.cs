using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalDataProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The encrypted columns were already text on SQLite (docs/protection.md). Written by hand: the access
            // journal is append-only, as the journal is.
            migrationBuilder.Sql("""
                CREATE TRIGGER access_journal_no_update BEFORE UPDATE ON access_journal
                BEGIN
                    SELECT RAISE(ABORT, 'the access journal is append-only');
                END;

                CREATE TRIGGER access_journal_no_delete BEFORE DELETE ON access_journal
                BEGIN
                    SELECT RAISE(ABORT, 'the access journal is append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER access_journal_no_delete;
                DROP TRIGGER access_journal_no_update;
                """);
        }
    }
}
