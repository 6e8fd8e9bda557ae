using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Host.Access;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Api.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> of every state-changing endpoint (docs/api.md, "Retrying safely"). A request without a
/// key goes through untouched. With a key: a malformed one is a 400; a key the user already used answers what its
/// first request got if this request is the same (by fingerprint: method, path, user, body), else a 409; a new key
/// runs the endpoint, which commits the answer with its effect (<see cref="IdempotentRequest"/>).
/// </summary>
/// <remarks>
/// Nothing is written before the effect, so no key is ever held by a request that died: a twin sent while the first
/// is still running runs too, and fails on the key the first committed (the database's unique key, or the effect's
/// own guard: a stimulus already applied, a version already published); it is then answered with the first's
/// answer. It waits, in effect, rather than getting the draft's 409 "in progress", and a retry after a crash
/// succeeds at once. A refusal (4xx) that changed nothing is not kept: its retry runs again.
/// </remarks>
internal sealed class IdempotencyFilter(IdempotencyStore store, IdempotencySettings settings, IClock clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!http.Request.Headers.TryGetValue(IdempotencyKeyHeader.Name, out var header)) return await next(invocation);
        if (IdempotencyKeyHeader.Parse(header) is not { } key) return Malformed();

        var actor = http.User().Actor;
        var fingerprint = await FingerprintAsync(http.Request, actor);
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        var cancellationToken = http.RequestAborted;
        if (await store.FindAsync(actor, key, now, cancellationToken) is { } first) return Answer(first, fingerprint);

        var request = new IdempotentRequest(http, actor, key, fingerprint, now, settings.Retention);
        http.Features.Set(request);
        object? result;
        try
        {
            result = await next(invocation);
        }
        catch (DbUpdateException)
        {
            // A twin with this key committed first (the unique key refused this one): its answer is the answer.
            if (await store.FindAsync(actor, key, now, cancellationToken) is { } twin) return Answer(twin, fingerprint);
            throw;
        }

        if (StatusOf(result) >= 400)
        {
            // Refused, perhaps because a twin did it meanwhile (the escalation it acted on is closed, the draft is published).
            if (await store.FindAsync(actor, key, now, cancellationToken) is { } twin) return Answer(twin, fingerprint);
        }
        else if (request.Recorded && settings.KillAfterCommit)
        {
            Process.GetCurrentProcess().Kill();
        }

        return result;
    }

    private static IResult Answer(IdempotencyKeyRow first, string fingerprint) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(first.Fingerprint), Encoding.ASCII.GetBytes(fingerprint))
            ? new StoredAnswer(first)
            : TypedResults.Problem(
                "Cette clé d'idempotence (Idempotency-Key) a déjà servi pour une autre demande : une nouvelle action demande une nouvelle clé.",
                statusCode: StatusCodes.Status409Conflict, title: "Clé d'idempotence déjà utilisée.");

    private static IResult Malformed() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]>
        {
            [IdempotencyKeyHeader.Name] = [$"La clé doit être une chaîne de 1 à {IdempotencyKeyHeader.MaxLength} caractères ASCII visibles, de préférence un UUID entre guillemets."],
        },
        title: "Clé d'idempotence invalide.");

    /// <summary>What the request asks, hashed: method, path and query, user, and a hash of the body as sent.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, string actor)
    {
        // The body was buffered for this (UseIdempotencyKeys), and may already have been read by binding.
        var body = request.Body;
        body.Position = 0;
        var bodyHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(body, request.HttpContext.RequestAborted));
        body.Position = 0;
        var asked = $"{request.Method}\n{request.Path}{request.QueryString}\n{actor}\n{bodyHash}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(asked)));
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode ?? StatusCodes.Status200OK,
        _ => null,
    };
}
