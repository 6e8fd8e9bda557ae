using Microsoft.EntityFrameworkCore;
using Pathway.Activities.Partners;
using Pathway.Activities.Tasks;
using Pathway.Host.Intake;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Files;

/// <summary>One file in a list: where it stands and what it waits for, no personal data.</summary>
public sealed record FileSummary(
    string Id, string DefinitionId, int Version, string Status, IReadOnlyList<StageRef> Stages, DateTime OpenedAt, DateTime UpdatedAt,
    bool Overdue, DateTime? NextDueAt, int OpenTasks, int OpenEscalations, int Duplicates);

/// <summary>A page of a list (docs/api.md: <c>?page=1&amp;pageSize=25</c>, at most 200 a page).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>The list's query string as typed.</summary>
internal sealed record FileQuery(string? Stage, string? Status, string? Overdue, string? Partner, string? Page, string? PageSize);

/// <summary>What the list is filtered on; every field optional.</summary>
internal sealed record FileFilter(string? Stage, string? Status, bool? Overdue, string? Partner, int Page, int PageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public static readonly string[] Statuses = ["running", "completed", "cancelled", "faulted"];

    /// <summary>Reads the query string; French messages per parameter.</summary>
    public static (FileFilter? Filter, Dictionary<string, string[]> Errors) Read(FileQuery query, PartnerRegistry partners)
    {
        var errors = new Dictionary<string, string[]>();
        static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        int Number(string name, string? value, int fallback, int max)
        {
            if (Given(value) is not { } text) return fallback;
            if (int.TryParse(text, out var n) && n >= 1 && n <= max) return n;
            errors[name] = [$"Attendu un nombre entier de 1 à {max}."];
            return fallback;
        }

        var status = Given(query.Status);
        if (status is not null && !Statuses.Contains(status)) errors["status"] = ["Valeur non reconnue : " + string.Join(", ", Statuses) + "."];
        bool? overdue = Given(query.Overdue) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Fail(errors, "overdue", "Attendu true ou false."),
        };
        var partner = Given(query.Partner);
        if (partner is not null && !partners.Exists(partner)) errors["partner"] = ["Partenaire inconnu."];
        var stage = Given(query.Stage);
        if (stage is { Length: > 100 }) errors["stage"] = ["Étape inconnue."];
        var filter = new FileFilter(stage, status, overdue, partner, Number("page", query.Page, 1, 1_000_000),
            Number("pageSize", query.PageSize, DefaultPageSize, MaxPageSize));
        return errors.Count == 0 ? (filter, errors) : (null, errors);
    }

    private static bool? Fail(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return null;
    }
}

/// <summary>
/// <c>GET /api/files</c>: the files the viewer may see, newest activity first. Status, partner, overdue and (for the roles
/// that see whole files) stage filter in the database, on the <c>tasks</c> table's plain columns; a partner's stages are
/// those of its own open tasks, read from the definition, so that filter is applied to the candidates in memory.
/// </summary>
internal sealed class FileList(PathwayDbContext context, DefinitionStore definitions, ActivityCatalog catalog)
{
    public async Task<Paged<FileSummary>> ReadAsync(FileViewer viewer, FileFilter filter, DateTime now, CancellationToken cancellationToken)
    {
        var files = viewer.Files(context).AsNoTracking();
        if (filter.Status is { } status) files = files.Where(f => f.Status == status);
        if (filter.Stage is { } stage && viewer.Partner is null) files = files.Where(f => f.Stages.Any(s => s.Stage == stage));
        if (filter.Partner is { } partner)
        {
            // A partner learns nothing of another partner's tasks, not even through a filter.
            if (viewer.Partner is { } own && own != partner) return new Paged<FileSummary>([], filter.Page, filter.PageSize, 0);
            files = files.Where(f => context.Tasks.Any(t => t.FileId == f.Id && t.Assignee == partner && t.ClosedAt == null));
        }

        if (filter.Overdue is { } overdue)
        {
            // Late: an open task (one of the viewer's own, for a partner) whose due time has passed.
            var late = viewer.OwnTasks(context.Tasks).Where(t => t.ClosedAt == null && t.DueAt < now);
            files = overdue ? files.Where(f => late.Any(t => t.FileId == f.Id)) : files.Where(f => !late.Any(t => t.FileId == f.Id));
        }

        var ordered = files.OrderByDescending(f => f.UpdatedAt).ThenBy(f => f.Id);
        int total;
        List<string> pageIds;
        if (filter.Stage is not null && viewer.Partner is not null)
        {
            var matching = await MatchStageInMemoryAsync(viewer, filter.Stage, ordered, cancellationToken);
            total = matching.Count;
            pageIds = matching.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToList();
        }
        else
        {
            total = await ordered.CountAsync(cancellationToken);
            pageIds = await ordered.Select(f => f.Id).Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        }

        var items = await SummariesAsync(viewer, pageIds, now, cancellationToken);
        return new Paged<FileSummary>(pageIds.Select(id => items[id]).ToList(), filter.Page, filter.PageSize, total);
    }

    /// <summary>The candidates where one of the partner's own open tasks stands in <paramref name="stage"/>.</summary>
    private async Task<List<string>> MatchStageInMemoryAsync(FileViewer viewer, string stage, IQueryable<FileRow> candidates,
        CancellationToken cancellationToken)
    {
        var files = await candidates.Select(f => new { f.Id, f.DefinitionId, f.Version }).ToListAsync(cancellationToken);
        var open = (await OpenTasksAsync(viewer, files.ConvertAll(f => f.Id), cancellationToken)).ToLookup(t => t.FileId);
        var matching = new List<string>();
        foreach (var file in files)
        {
            var labels = await DefinitionLabels.ForAsync(definitions, catalog, context, file.DefinitionId, file.Version, cancellationToken);
            if (TaskStages(labels, open[file.Id]).Contains(stage)) matching.Add(file.Id);
        }

        return matching;
    }

    /// <summary>Where a partner sees a file stand: the stages of its own open tasks, not the whole file's (a stage such
    /// as « Fugue » is itself information about the minor).</summary>
    private static IEnumerable<string> TaskStages(DefinitionLabels labels, IEnumerable<TaskRow> tasks) =>
        tasks.Select(t => labels.StageOf(t.ActivityId)?.Id).OfType<string>().Distinct();

    /// <summary>The summaries of the given files, by id.</summary>
    public async Task<Dictionary<string, FileSummary>> SummariesAsync(FileViewer viewer, IReadOnlyCollection<string> fileIds, DateTime now,
        CancellationToken cancellationToken)
    {
        if (fileIds.Count == 0) return [];
        var rows = await context.Files.AsNoTracking().Include(f => f.Stages).Where(f => fileIds.Contains(f.Id)).ToListAsync(cancellationToken);
        var tasks = (await OpenTasksAsync(viewer, fileIds, cancellationToken)).ToLookup(t => t.FileId);
        // Escalations and duplicates are the coordination's business, not a partner's.
        var escalations = viewer.SeesIdentity
            ? await context.Escalations.AsNoTracking().Where(e => fileIds.Contains(e.FileId) && e.ClosedAt == null)
                .GroupBy(e => e.FileId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken)
            : [];
        var duplicates = viewer.SeesIdentity ? await Duplicates.CountAsync(context, fileIds, cancellationToken) : [];

        var summaries = new Dictionary<string, FileSummary>();
        foreach (var file in rows)
        {
            var labels = await DefinitionLabels.ForAsync(definitions, catalog, context, file.DefinitionId, file.Version, cancellationToken);
            var due = tasks[file.Id].Select(t => t.DueAt).OfType<DateTime>().ToList();
            summaries[file.Id] = new FileSummary(file.Id, file.DefinitionId, file.Version, file.Status,
                labels.Stages(viewer.Partner is null ? file.Stages.Select(s => s.Stage) : TaskStages(labels, tasks[file.Id])),
                file.CreatedAt, file.UpdatedAt, due.Any(d => d < now), due.Count > 0 ? due.Min() : null, tasks[file.Id].Count(),
                escalations.GetValueOrDefault(file.Id), duplicates.GetValueOrDefault(file.Id));
        }

        return summaries;
    }

    private Task<List<TaskRow>> OpenTasksAsync(FileViewer viewer, IReadOnlyCollection<string> fileIds, CancellationToken cancellationToken) =>
        viewer.OwnTasks(context.Tasks.AsNoTracking()).Where(t => fileIds.Contains(t.FileId) && t.ClosedAt == null).ToListAsync(cancellationToken);
}
