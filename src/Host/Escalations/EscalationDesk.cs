using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Access;
using Pathway.Host.Api.Idempotency;
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
        HttpContext http, Guid id, string disposition, Func<OpenEscalation, CheckedAnswer> check, CancellationToken cancellationToken)
    {
        var user = http.User();
        OpenEscalation? escalation = null;
        await using (var db = database.CreateContext())
        {
            if (await db.Escalations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is { } row)
                escalation = new OpenEscalation(row, row.AboutTaskId is { } about
                    ? await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == about, cancellationToken) : null);
        }

        // An escalation the user may not handle is not shown to them either: unknown, not forbidden.
        if (escalation is null || !EscalationInbox.MaySee(user, escalation.Row.Level)) return NotFound();
        if (escalation.Row.ClosedAt is not null) return Closed();

        var answer = check(escalation);
        if (answer.Answer is null) return TypedResults.ValidationProblem(answer.Errors, title: "La demande est incomplète ou invalide.");

        // With an Idempotency-Key the stimulus id comes from the user and the key: a retry, or a double click, is the
        // same stimulus, which the file applies once; the answer is kept with the step for the retry to get.
        var stimulusId = "escalation:" + (IdempotentRequest.DerivedId(http, "escalation") ?? Guid.NewGuid());
        var done = TypedResults.Ok(new EscalationActionDone(escalation.Row.FileId, disposition));
        StepOutcome outcome;
        try
        {
            outcome = await runner.ApplyAsync(escalation.Row.FileId,
                new ResumeBookmark(stimulusId, user.Actor, id, answer.Answer), cancellationToken,
                alongside: await IdempotentRequest.RowsAsync(http, done));
        }
        catch (StimulusRejectedException rejected)
        {
            return TypedResults.Problem(rejected.Message, statusCode: StatusCodes.Status400BadRequest, title: "Action refusée par le parcours.");
        }
        catch (UnknownFileException)
        {
            return NotFound();
        }

        // Closed between the check above and the step (the partner answered meanwhile): nothing was done. A duplicate
        // is this very request done before under its key: the filter answers with what it got then, if it was done.
        if (outcome.Disposition is StepDisposition.Ignored or StepDisposition.Duplicate) return Closed();
        return done;
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("Aucune alerte ne porte cet identifiant.", statusCode: StatusCodes.Status404NotFound,
            title: "Alerte inconnue.");

    private static ProblemHttpResult Closed() =>
        TypedResults.Problem("Cette alerte est déjà close : la demande a reçu une réponse, ou l'alerte a été traitée.",
            statusCode: StatusCodes.Status409Conflict, title: "Alerte close.");
}
