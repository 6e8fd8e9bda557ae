using System.Text;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Api.Idempotency;

/// <summary>The first answer to a keyed request, sent again to its retry: the same status, location and body.</summary>
internal sealed class StoredAnswer(IdempotencyKeyRow row) : IResult, IStatusCodeHttpResult
{
    /// <summary>Tells a client that this answer is the one its first attempt got (nothing was done again).</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public int? StatusCode => row.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = row.Status;
        response.Headers[ReplayedHeader] = "true";
        if (row.Location is not null) response.Headers.Location = row.Location;
        if (row.Body.Length == 0) return;
        response.ContentType = row.ContentType;
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(row.Body), httpContext.RequestAborted);
    }
}
