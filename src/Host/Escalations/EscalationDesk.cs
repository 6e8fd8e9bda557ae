using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pathway.Activities.Tasks;
using Pathway.Host.Access;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Escalations;

/// <summary>
/// Carries out a user's action on an escalation: the escalation must exist and be visible to the user (404), be
/// open (409) and the request well formed (400); then the action is one stimulus resuming the escalation's
/// bookmark, with the user as actor, so that the file's journal says who did it.
/// </summary>
internal sealed class EscalationDesk(PathwayDatabase database, CareFileRunner runner)
{
    public async Task<Results<Ok<EscalationActionDone>, ValidationProblem, ProblemHttpResult>> ActAsync(
        Guid id, CurrentUser user, string disposition, Func<EscalationBookmark, CheckedAnswer> check, CancellationToken cancellationToken)
    {
        BookmarkRow? row;
        await using (var db = database.CreateContext())
        {
            row = await db.Bookmarks.IgnoreQueryFilters().AsNoTracking()
                .SingleOrDefaultAsync(b => b.Id == id && b.Purpose == EscalationBookmarks.Purpose, cancellationToken);
        }

        // An escalation the user may not handle is not shown to them either: unknown, not forbidden.
        var escalation = row is null ? null : EscalationBookmark.Of(row);
        if (escalation is null || !EscalationInbox.MaySee(user, escalation.Level)) return NotFound();
        if (escalation.Row.ClosedAt is not null) return Closed();

        var answer = check(escalation);
        if (answer.Answer is null) return TypedResults.ValidationProblem(answer.Errors, title: "La demande est incomplète ou invalide.");

        StepOutcome outcome;
        try
        {
            outcome = await runner.ApplyAsync(escalation.Row.FileId,
                new ResumeBookmark("escalation:" + Guid.NewGuid(), user.Actor, id, answer.Answer), cancellationToken);
        }
        catch (StimulusRejectedException rejected)
        {
            return TypedResults.Problem(rejected.Message, statusCode: StatusCodes.Status400BadRequest, title: "Action refusée par le parcours.");
        }
        catch (UnknownFileException)
        {
            return NotFound();
        }

        // Closed between the check above and the step (the partner answered meanwhile): nothing was done.
        if (outcome.Disposition == StepDisposition.Ignored) return Closed();
        return TypedResults.Ok(new EscalationActionDone(escalation.Row.FileId, disposition));
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("Aucune alerte ne porte cet identifiant.", statusCode: StatusCodes.Status404NotFound,
            title: "Alerte inconnue.");

    private static ProblemHttpResult Closed() =>
        TypedResults.Problem("Cette alerte est déjà close : la demande a reçu une réponse, ou l'alerte a été traitée.",
            statusCode: StatusCodes.Status409Conflict, title: "Alerte close.");
}
