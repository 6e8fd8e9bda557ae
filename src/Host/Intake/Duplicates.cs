using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Intake;

/// <summary>Another file about the same minor: <c>exact</c> (same family name, given name and birth date) or
/// <c>probable</c> (same family name and birth date).</summary>
public sealed record DuplicateRef(string FileId, string Match);

/// <summary>
/// Finds the files of the same minor through the blind index of the intakes (keyed hashes, no decryption). Nothing is
/// merged: each file keeps its own intake and runs on, and each shows the other as a duplicate, whichever came first.
/// </summary>
internal static class Duplicates
{
    public const string Exact = "exact";
    public const string Probable = "probable";

    public static async Task<IReadOnlyList<DuplicateRef>> FindAsync(PathwayDbContext context, string identityKey, string probableKey,
        string? exceptFileId, CancellationToken cancellationToken)
    {
        var matches = await context.Intakes.AsNoTracking()
            .Where(i => (i.IdentityKey == identityKey || i.ProbableIdentityKey == probableKey) && i.FileId != exceptFileId)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new { i.FileId, i.IdentityKey })
            .ToListAsync(cancellationToken);
        return matches.Select(m => new DuplicateRef(m.FileId, m.IdentityKey == identityKey ? Exact : Probable)).ToList();
    }

    /// <summary>How many other files each of <paramref name="fileIds"/> shares its minor with (for lists).</summary>
    public static async Task<Dictionary<string, int>> CountAsync(PathwayDbContext context, IReadOnlyCollection<string> fileIds,
        CancellationToken cancellationToken)
    {
        var keys = await context.Intakes.AsNoTracking().Where(i => fileIds.Contains(i.FileId))
            .Select(i => new { i.FileId, i.ProbableIdentityKey }).ToListAsync(cancellationToken);
        var probable = keys.Select(k => k.ProbableIdentityKey).Distinct().ToList();
        // Every exact duplicate is a probable one too: counting on the probable key counts both.
        var perKey = await context.Intakes.AsNoTracking().Where(i => probable.Contains(i.ProbableIdentityKey))
            .GroupBy(i => i.ProbableIdentityKey).Select(g => new { Key = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var counts = perKey.ToDictionary(k => k.Key, k => k.Count);
        return keys.ToDictionary(k => k.FileId, k => counts.GetValueOrDefault(k.ProbableIdentityKey) - 1);
    }
}
