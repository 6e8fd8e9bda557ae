using Pathway.Workflows.Persistence;

namespace Pathway.Host.Files;

/// <summary>
/// Writes who saw which personal data of which file, before the response leaves: a response that carries identity,
/// intake or notes is never sent without its line in the access journal (table <c>access_journal</c>).
/// </summary>
internal static class AccessJournal
{
    public const string Identity = "identity";
    public const string Intake = "intake";
    public const string Notes = "notes";

    public static async Task RecordAsync(PathwayDatabase database, string actor, string fileId, IReadOnlyCollection<string> what,
        DateTime at)
    {
        if (what.Count == 0) return;
        await using var context = database.CreateContext();
        context.AccessJournal.AddRange(what.Select(w => new AccessRow { At = at, Actor = actor, FileId = fileId, What = w }));
        // Not cancellable: once the data is read, its access is recorded even if the caller has gone.
        await context.SaveChangesAsync(CancellationToken.None);
    }
}
