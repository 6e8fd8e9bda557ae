using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Activities.Partners;
using Pathway.Host.Intake;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Files;

/// <summary><c>GET /api/files/{id}</c>: a file whole, as far as the viewer may see it.</summary>
public sealed record FileDetail(
    string Id, string DefinitionId, int Version, string Status, IReadOnlyList<StageRef> Stages, DateTime OpenedAt, DateTime UpdatedAt,
    bool Overdue, DateTime? NextDueAt, int OpenTasks, int OpenEscalations, DateTime? ClosedAt,
    IntakeView? Intake, IdentityView? Identity, bool IdentityVisible, IReadOnlyList<DuplicateRef> Duplicates,
    IReadOnlyList<FileTask> Tasks, IReadOnlyList<FileEscalation> Escalations, IReadOnlyList<NoteView> Notes);

/// <summary>How the file came in (coordinator and inspector only).</summary>
public sealed record IntakeView(string Origin, DateOnly ReceivedAt, string DangerLevel, Reporter Reporter, string Facts);

/// <summary>The minor's identity; for a partner, only the fields its own tasks on the file declare (the others null).</summary>
public sealed record IdentityView(string? GivenName, string? FamilyName, DateOnly? BirthDate, string? Address);

public sealed record NoteView(DateTime At, string Author, string Text);

/// <summary>
/// Reads a file for a viewer and says which personal data the answer carries, for the access journal. Identity,
/// intake and notes go to the roles that see identity; a partner gets its own tasks and the identity fields they
/// declare (<c>fields</c>: prenom, nom, dateNaissance), never the intake, the notes, the escalations or the duplicates.
/// </summary>
internal sealed class FileDetails(PathwayDbContext context, DefinitionStore definitions, ActivityCatalog catalog, PartnerRegistry partners)
{
    /// <returns>Null when the file does not exist or the viewer may not know of it.</returns>
    public async Task<(FileDetail Detail, IReadOnlyList<string> PersonalData)?> ReadAsync(FileViewer viewer, ActorNames names, string fileId,
        DateTime now, CancellationToken cancellationToken)
    {
        var file = await viewer.Files(context).AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId, cancellationToken);
        if (file is null) return null;
        var summary = (await new FileList(context, definitions, catalog).SummariesAsync(viewer, [fileId], now, cancellationToken))[fileId];
        var labels = await DefinitionLabels.ForAsync(definitions, catalog, context, file.DefinitionId, file.Version, cancellationToken);
        var taskRows = await viewer.Tasks(context, fileId).AsNoTracking().OrderBy(t => t.AssignedAt).ToListAsync(cancellationToken);
        var tasks = taskRows.Select(t => FileTasks.Task(t, labels, partners, now)).ToList();
        var intake = await context.Intakes.AsNoTracking().SingleOrDefaultAsync(i => i.FileId == fileId, cancellationToken);

        var carried = new List<string>();
        IdentityView? identity = null;
        IntakeView? intakeView = null;
        IReadOnlyList<DuplicateRef> duplicates = [];
        IReadOnlyList<FileEscalation> escalations = [];
        IReadOnlyList<NoteView> notes = [];
        if (viewer.SeesIdentity)
        {
            escalations = await EscalationsAsync(fileId, taskRows, labels, cancellationToken);
            if (intake is not null)
            {
                var minor = JsonSerializer.Deserialize<MinorIdentity>(intake.Minor, IntakeJson.Options)!;
                identity = new IdentityView(minor.GivenName, minor.FamilyName, minor.BirthDate, minor.Address);
                intakeView = new IntakeView(intake.Origin, intake.ReceivedAt, intake.DangerLevel,
                    JsonSerializer.Deserialize<Reporter>(intake.Reporter, IntakeJson.Options)!, intake.Facts);
                duplicates = await Duplicates.FindAsync(context, intake.IdentityKey, intake.ProbableIdentityKey, fileId, cancellationToken);
                carried.AddRange([AccessJournal.Identity, AccessJournal.Intake]);
            }

            notes = await NotesAsync(fileId, names, cancellationToken);
            if (notes.Count > 0) carried.Add(AccessJournal.Notes);
        }
        else if (intake is not null)
        {
            identity = Declared(intake, taskRows.Select(t => t.ActivityId).Distinct().SelectMany(labels.TaskFields).ToHashSet());
            if (identity is not null) carried.Add(AccessJournal.Identity);
        }

        var detail = new FileDetail(summary.Id, summary.DefinitionId, summary.Version, summary.Status, summary.Stages, summary.OpenedAt,
            summary.UpdatedAt, summary.Overdue, summary.NextDueAt, summary.OpenTasks, summary.OpenEscalations,
            file.ClosedAt, intakeView, identity, identity is not null, duplicates, tasks, escalations, notes);
        return (detail, carried);
    }

    /// <summary>Only the identity fields the partner's tasks declare; null when they declare none.</summary>
    private static IdentityView? Declared(IntakeRow intake, IReadOnlySet<string> variables)
    {
        var fields = variables.Where(IntakeVariables.IdentityFieldOfVariable.ContainsKey)
            .Select(v => IntakeVariables.IdentityFieldOfVariable[v]).ToHashSet();
        if (fields.Count == 0) return null;
        var minor = JsonSerializer.Deserialize<MinorIdentity>(intake.Minor, IntakeJson.Options)!;
        return new IdentityView(
            fields.Contains("givenName") ? minor.GivenName : null,
            fields.Contains("familyName") ? minor.FamilyName : null,
            fields.Contains("birthDate") ? minor.BirthDate : null,
            Address: null);
    }

    /// <param name="tasks">The file's tasks (all of them: only the roles that see identity see escalations).</param>
    private async Task<IReadOnlyList<FileEscalation>> EscalationsAsync(string fileId, List<TaskRow> tasks, DefinitionLabels labels,
        CancellationToken cancellationToken) =>
        (await context.Escalations.AsNoTracking().Where(e => e.FileId == fileId).OrderBy(e => e.RaisedAt).ToListAsync(cancellationToken))
        .Select(e => FileTasks.Escalation(e, tasks.FirstOrDefault(t => t.Id == e.AboutTaskId), labels, partners)).ToList();

    private async Task<IReadOnlyList<NoteView>> NotesAsync(string fileId, ActorNames names, CancellationToken cancellationToken) =>
        (await context.FileNotes.AsNoTracking().Where(n => n.FileId == fileId).OrderBy(n => n.At).ToListAsync(cancellationToken))
        .Select(n => new NoteView(n.At, names.Label(n.Author), n.Text)).ToList();
}
