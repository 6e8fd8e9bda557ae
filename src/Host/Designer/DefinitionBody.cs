using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Pathway.Host.Designer;

/// <summary>
/// Reads the body of a definition request: UTF-8, at most 2 MiB (the pathway is about 100 KiB; the bound keeps a
/// client from filling the host's memory). Read as text because definitions are checked from their JSON text,
/// so that errors carry pointers into what the designer sent.
/// </summary>
internal static class DefinitionBody
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>Raises the server's own limit for these endpoints to the same bound.</summary>
    public static readonly RequestSizeLimitAttribute SizeLimit = new(MaxBytes);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>The text, or the problem to answer with (413 too large, 400 not UTF-8).</returns>
    public static async Task<(string? Text, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes) return (null, TooLarge());
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }

        try
        {
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, DefinitionProblems.BadInput("body", "Le corps de la requête doit être du JSON en UTF-8."));
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Définition trop volumineuse", detail: $"Une définition ne peut dépasser {MaxBytes / (1024 * 1024)} Mio.");
}
