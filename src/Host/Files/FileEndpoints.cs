using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Activities.Partners;
using Pathway.Host.Access;
using Pathway.Host.Api.Idempotency;
using Pathway.Host.Intake;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Files;

/// <summary>
/// The files: the list, one file, its timeline, its notes. What each viewer sees is decided by <see cref="FileViewer"/>;
/// every answer that carries personal data is written to the access journal before it leaves.
/// </summary>
public static class FileEndpoints
{
    public const int NoteLength = 5000;

    public static RouteGroupBuilder MapFiles(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("/files").WithTags("Files");
        files.MapGet("", ListAsync).RequireAuthorization(Policies.ReadFiles)
            .Produces<Paged<FileSummary>>().ProducesValidationProblem();
        files.MapGet("/{id}", DetailAsync).RequireAuthorization(Policies.ReadFiles)
            .Produces<FileDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        files.MapGet("/{id}/timeline", TimelineAsync).RequireAuthorization(Policies.ReadFiles)
            .Produces<Timeline>().ProducesProblem(StatusCodes.Status404NotFound);
        files.MapPost("/{id}/notes", AddNoteAsync).RequireAuthorization(Policies.WriteNotes)
            .Accepts<NoteRequest>("application/json")
            .Produces<NoteAdded>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <remarks>The query parameters are bound as text (binding text never fails) and read by <see cref="FileFilter"/>,
    /// which answers in French; they are declared here so that the OpenAPI document lists them.</remarks>
    private static async Task<IResult> ListAsync(string? stage, string? status, string? overdue, string? partner, string? page,
        string? pageSize, HttpContext http, PathwayDatabase database, DefinitionStore definitions, ActivityCatalog catalog,
        PartnerRegistry partners, IClock clock, CancellationToken cancellationToken)
    {
        var (filter, errors) = FileFilter.Read(new FileQuery(stage, status, overdue, partner, page, pageSize), partners);
        if (filter is null) return TypedResults.ValidationProblem(errors);
        await using var context = database.CreateContext();
        var files = await new FileList(context, definitions, catalog)
            .ReadAsync(new FileViewer(http.User()), filter, Now(clock), cancellationToken);
        return TypedResults.Ok(files);
    }

    private static async Task<IResult> DetailAsync(string id, HttpContext http, PathwayDatabase database, DefinitionStore definitions,
        ActivityCatalog catalog, PartnerRegistry partners, IClock clock, CancellationToken cancellationToken)
    {
        var viewer = new FileViewer(http.User());
        await using var context = database.CreateContext();
        var read = await new FileDetails(context, definitions, catalog, partners)
            .ReadAsync(viewer, Names(http, partners, viewer), id, Now(clock), cancellationToken);
        if (read is not { } found) return NotFound();
        await AccessJournal.RecordAsync(database, viewer.User.Actor, id, found.PersonalData, Now(clock));
        return TypedResults.Ok(found.Detail);
    }

    private static async Task<IResult> TimelineAsync(string id, HttpContext http, PathwayDatabase database, DefinitionStore definitions,
        ActivityCatalog catalog, PartnerRegistry partners, DeploymentCalendar calendar, CancellationToken cancellationToken)
    {
        var viewer = new FileViewer(http.User());
        await using var context = database.CreateContext();
        var timeline = await new FileTimeline(context, definitions, catalog, calendar).ReadAsync(viewer, Names(http, partners, viewer), id, cancellationToken);
        return timeline is null ? NotFound() : TypedResults.Ok(timeline);
    }

    /// <summary>
    /// Adds a note. The note row is itself the record of the action (author, time, file): notes are only ever added,
    /// never changed nor deleted, through the API.
    /// </summary>
    private static async Task<IResult> AddNoteAsync(string id, HttpContext http, PathwayDatabase database, IClock clock,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var form = new FormReader();
        form.OnlyKnown(body!, "", "text");
        var text = form.Text(body!, "", "text", NoteLength, required: true, TextKind.FreeText);
        if (!form.Valid) return TypedResults.ValidationProblem(form.Errors);

        var viewer = new FileViewer(http.User());
        await using var context = database.CreateContext();
        if (!await viewer.Files(context).AnyAsync(f => f.Id == id, cancellationToken)) return NotFound();
        var note = new FileNoteRow { Id = Guid.NewGuid(), FileId = id, At = Now(clock), Author = viewer.User.Actor, Text = text! };
        var added = TypedResults.Created($"/api/files/{id}", new NoteAdded(note.Id, note.At, viewer.User.DisplayName));
        context.FileNotes.Add(note);
        context.AddRange(await IdempotentRequest.RowsAsync(http, added));
        await context.SaveChangesAsync(cancellationToken);
        return added;
    }

    private static ActorNames Names(HttpContext http, PartnerRegistry partners, FileViewer viewer) =>
        new(partners, http.RequestServices.GetService<DevelopmentSignIn>(), viewer.User);

    private static DateTime Now(IClock clock) => clock.GetCurrentInstant().ToDateTimeUtc();

    /// <summary>Unknown, or not visible to this viewer: the same answer, so a partner cannot tell which.</summary>
    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Dossier introuvable.");
}

public sealed record NoteRequest(string Text);

public sealed record NoteAdded(Guid Id, DateTime At, string Author);
