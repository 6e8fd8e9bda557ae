using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Pathway.Host.Access;
using Pathway.Host.Api;
using Pathway.Host.Api.Idempotency;
using Pathway.Host.Protection;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Intake;

/// <summary>
/// <c>POST /api/intake</c>: a signalement or information préoccupante opens a file on the latest published version of
/// the pathway, its intake committed with it. The engine's journal records who opened it (the stimulus' actor).
/// </summary>
public static class IntakeEndpoints
{
    /// <summary>Setting naming the pathway that intakes open files on.</summary>
    public const string DefinitionSetting = "Pathway:Intake:Definition";

    public const string DefaultDefinition = "minor-protection-pathway";

    public static RouteGroupBuilder MapIntake(this RouteGroupBuilder api)
    {
        api.MapPost("/intake", ReceiveAsync).WithTags("Intake").RequireAuthorization(Policies.Intake)
            .RequireRateLimiting(RateLimits.Intake)
            .Accepts<IntakeForm>("application/json")
            .ProducesValidationProblem()
            .Produces<IntakeOpened>(StatusCodes.Status201Created);
        return api;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IConfiguration configuration, IClock clock,
        DefinitionStore definitions, PathwayDatabase database, CareFileRunner runner, IdentityIndex index,
        ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var logger = logging.CreateLogger(typeof(IntakeEndpoints).FullName!);
        var (body, problem) = await RequestBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var now = clock.GetCurrentInstant();
        var (form, errors) = IntakeRules.Read(body!, now.InZone(Interpreter.Paris).Date.ToDateOnly());
        if (form is null) return TypedResults.ValidationProblem(errors);

        var definitionId = configuration[DefinitionSetting] ?? DefaultDefinition;
        if (await definitions.LatestPublishedAsync(definitionId, cancellationToken) is not { } version)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Aucune version publiée du parcours : le dossier ne peut pas être ouvert.");

        await using var context = database.CreateContext();
        var definition = await definitions.GetExecutableAsync(context, definitionId, version, cancellationToken);
        var variables = IntakeVariables.For(form, definition, out var skipped);
        if (skipped.Count > 0)
            logger.LogWarning("{DefinitionId} v{Version} declares {Variables} with a type the intake cannot fill; the file starts without them.",
                definitionId, version, string.Join(", ", skipped));

        var identityKey = index.Exact(form.Minor.FamilyName, form.Minor.GivenName, form.Minor.BirthDate);
        var probableKey = index.Probable(form.Minor.FamilyName, form.Minor.BirthDate);
        var duplicates = await Duplicates.FindAsync(context, identityKey, probableKey, exceptFileId: null, cancellationToken);

        var actor = http.User().Actor;
        var (fileId, answer) = await OpenAsync(runner, definitionId, version, now, actor, variables, async id =>
        {
            var opened = TypedResults.Created($"/api/files/{id}", new IntakeOpened(id, definitionId, version, duplicates));
            // The answer is kept with the file for a retry of this request (Idempotency-Key), in the same transaction.
            return (opened, [IntakeRow(id, form, identityKey, probableKey, now.ToDateTimeUtc(), actor), .. await IdempotentRequest.RowsAsync(http, opened)]);
        }, cancellationToken);
        logger.LogInformation("File {FileId} opened from an intake on {DefinitionId} v{Version} by {Actor}; {Duplicates} other file(s) of the same minor.",
            fileId, definitionId, version, actor, duplicates.Count);
        return answer;
    }

    /// <summary>Starts the file under a new id (another one if the id was taken meanwhile), with its intake.</summary>
    private static async Task<(string FileId, IResult Answer)> OpenAsync(CareFileRunner runner, string definitionId, int version, Instant now,
        string actor, Dictionary<string, System.Text.Json.Nodes.JsonNode?> variables,
        Func<string, Task<(IResult Answer, IReadOnlyList<object> Rows)>> opening, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var fileId = FileIds.New(now.InZone(Interpreter.Paris).Year);
            // The stimulus id is unique to this attempt: an id taken by another file must not pass for a repeat of this start.
            var start = new StartFile("intake:" + Guid.NewGuid(), actor, variables);
            var (answer, rows) = await opening(fileId);
            try
            {
                await runner.StartAsync(definitionId, fileId, start, version, cancellationToken, alongside: rows);
                return (fileId, answer);
            }
            catch (FileAlreadyExistsException) when (attempt < 3)
            {
            }
        }
    }

    private static IntakeRow IntakeRow(string fileId, IntakeForm form, string identityKey, string probableKey, DateTime now, string actor) => new()
    {
        FileId = fileId,
        Origin = form.Origin,
        ReceivedAt = form.ReceivedAt,
        DangerLevel = form.DangerLevel,
        Reporter = JsonSerializer.Serialize(form.Reporter, IntakeJson.Options),
        Minor = JsonSerializer.Serialize(form.Minor, IntakeJson.Options),
        Facts = form.Facts,
        IdentityKey = identityKey,
        ProbableIdentityKey = probableKey,
        CreatedAt = now,
        CreatedBy = actor,
    };
}

/// <summary>What <c>POST /api/intake</c> answers: the new file, the version it runs on, the files of the same minor.</summary>
public sealed record IntakeOpened(string FileId, string DefinitionId, int Version, IReadOnlyList<DuplicateRef> Duplicates);

/// <summary>How the intake's reporter and minor are kept as JSON in their row (camelCase, dates <c>yyyy-MM-dd</c>).</summary>
internal static class IntakeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
