using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathway.Host.Intake;

/// <summary>
/// Reads a request's JSON object body by hand, so that what a user typed wrong comes back as a 400 with a French
/// message per field rather than as a binding exception (a 500, or a 400 with the parser's English words). Shared by
/// the intake and the notes of a file.
/// </summary>
internal static class RequestBody
{
    /// <summary>The contract's bound on request bodies (docs/api.md).</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <summary>The body as a JSON object, or the problem to answer with.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray(), documentOptions: Options) is JsonObject body
                ? (body, null)
                : (null, Invalid("Le corps de la requête doit être un objet JSON."));
        }
        catch (JsonException)
        {
            return (null, Invalid("Le corps de la requête n'est pas un document JSON valide."));
        }
    }

    private static IResult Invalid(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [message] });

    private static IResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: $"Le corps de la requête dépasse {MaxBytes / 1024} Kio.");
}
