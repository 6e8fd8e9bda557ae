using Pathway.Host.Access;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Files;

/// <summary>
/// Who is looking at files, and so what they may see: the roles of <see cref="Policies.SeeIdentity"/> see every file
/// whole; a partner's agent sees only the files where its partner has (or had) a task, and on them only its own tasks.
/// </summary>
internal sealed class FileViewer(CurrentUser user)
{
    public CurrentUser User { get; } = user;

    public bool SeesIdentity => User.SeesIdentity;

    /// <summary>The partner the viewer acts for, when that is all it may see; null for the roles that see everything.</summary>
    public string? Partner => SeesIdentity ? null : User.PartnerId ?? "";

    /// <summary>The files the viewer may know of. A partner's closed tasks count: it may look back at what it did.</summary>
    public IQueryable<FileRow> Files(PathwayDbContext context)
    {
        if (Partner is not { } partner) return context.Files;
        return context.Files.Where(f => context.Tasks.Any(t => t.FileId == f.Id && t.Assignee == partner));
    }

    /// <summary>The tasks of a file the viewer may see, open and closed.</summary>
    public IQueryable<TaskRow> Tasks(PathwayDbContext context, string fileId) => OwnTasks(context.Tasks.Where(t => t.FileId == fileId));

    /// <summary>Of <paramref name="tasks"/>, those the viewer may see: all, or its partner's own.</summary>
    public IQueryable<TaskRow> OwnTasks(IQueryable<TaskRow> tasks) => Partner is { } partner ? tasks.Where(t => t.Assignee == partner) : tasks;
}
