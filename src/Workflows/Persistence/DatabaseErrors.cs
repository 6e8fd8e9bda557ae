using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pathway.Workflows.Persistence;

/// <summary>Recognises, on either provider, the database errors the store turns into domain answers.</summary>
internal static class DatabaseErrors
{
    /// <summary>A primary key or unique index refused the row: someone else inserted it first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_PRIMARYKEY or SQLITE_CONSTRAINT_UNIQUE.
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    /// <summary>A unique violation on <paramref name="table"/>: a step that writes rows of several tables tells
    /// which one another writer took first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string table) => IsUniqueViolation(exception) && exception.InnerException switch
    {
        PostgresException postgres => postgres.TableName == table,
        // SQLite names the columns, e.g. "UNIQUE constraint failed: files.id".
        SqliteException sqlite => sqlite.Message.Contains($" {table}.", StringComparison.Ordinal),
        _ => false,
    };
}
