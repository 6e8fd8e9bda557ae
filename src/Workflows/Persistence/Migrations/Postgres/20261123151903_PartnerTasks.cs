using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathway.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartnerTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "next_attempt_at",
                table: "outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "addressee",
                table: "bookmarks",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "closed_at",
                table: "bookmarks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "data",
                table: "bookmarks",
                type: "json",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "bookmarks",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_addressee",
                table: "bookmarks",
                columns: new[] { "purpose", "addressee" },
                filter: "closed_at IS NULL AND addressee IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bookmarks_addressee",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "addressee",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "data",
                table: "bookmarks");

            migrationBuilder.DropColumn(
                name: "purpose",
                table: "bookmarks");
        }
    }
}
