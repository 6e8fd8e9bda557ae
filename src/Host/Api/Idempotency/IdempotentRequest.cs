using System.Security.Cryptography;
using System.Text;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Api.Idempotency;

/// <summary>
/// A state-changing request that came with an <c>Idempotency-Key</c> no earlier request of the user used: the feature
/// handling it asks for <see cref="RowsAsync"/> and commits them with its effect, so that a retry finds the answer.
/// Requests without a key have none (<see cref="Of"/> is null) and behave as they always did.
/// </summary>
internal sealed class IdempotentRequest(HttpContext http, string actor, string key, string fingerprint, DateTime now, TimeSpan retention)
{
    public string Actor { get; } = actor;

    public string Key { get; } = key;

    public string Fingerprint { get; } = fingerprint;

    /// <summary>True once the feature took the rows: its effect is committed if it answers with success.</summary>
    public bool Recorded { get; private set; }

    /// <summary>This request's key, if it has one the filter accepted.</summary>
    public static IdempotentRequest? Of(HttpContext http) => http.Features.Get<IdempotentRequest>();

    /// <summary>The row keeping <paramref name="answer"/> for this request's key, to commit with the effect; none
    /// for a request without a key.</summary>
    public static async Task<IReadOnlyList<object>> RowsAsync(HttpContext http, IResult answer) =>
        Of(http) is { } request ? [await request.RowAsync(answer)] : [];

    /// <summary>
    /// Keeps <paramref name="answer"/> on its own, for an effect made of many transactions that is idempotent by a
    /// <see cref="DerivedId"/> (a migration, one transaction per file): written once they are all done, so that a
    /// retry after a crash midway does the rest, and one after the end gets this answer.
    /// </summary>
    public static async Task KeepAsync(HttpContext http, IResult answer)
    {
        if (Of(http) is not { } request) return;
        await using var context = http.RequestServices.GetRequiredService<PathwayDatabase>().CreateContext();
        context.Add(await request.RowAsync(answer));
        await context.SaveChangesAsync(http.RequestAborted);
    }

    /// <summary>
    /// An id derived from the user and the key (and <paramref name="purpose"/>), the same on every retry: an effect
    /// that is idempotent by its own id (a stimulus, a migration) is then done once however often it is asked.
    /// </summary>
    public static Guid? DerivedId(HttpContext http, string purpose) =>
        Of(http) is { } request
            ? new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}\n{request.Actor}\n{request.Key}")).AsSpan(0, 16))
            : null;

    /// <summary>The answer exactly as it will be sent: the result is written once into a buffer, as the server would.</summary>
    private async Task<IdempotencyKeyRow> RowAsync(IResult answer)
    {
        var rendered = new DefaultHttpContext { RequestServices = http.RequestServices };
        using var body = new MemoryStream();
        rendered.Response.Body = body;
        await answer.ExecuteAsync(rendered);
        Recorded = true;
        return new IdempotencyKeyRow
        {
            Actor = Actor,
            Key = Key,
            Fingerprint = Fingerprint,
            Status = rendered.Response.StatusCode,
            Location = rendered.Response.Headers.Location.FirstOrDefault(),
            ContentType = rendered.Response.ContentType ?? "application/json; charset=utf-8",
            Body = Encoding.UTF8.GetString(body.ToArray()),
            CreatedAt = now,
            ExpiresAt = now + retention,
        };
    }
}
