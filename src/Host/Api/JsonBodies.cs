using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Pathway.Host.Api;

/// <summary>
/// Every JSON body an endpoint accepts is checked once, before the endpoint reads it, for what JSON parsers let
/// through and then fail on when a value is read (a 500 otherwise): text that is not UTF-8, a lone UTF-16 surrogate
/// (<c>"\ud800"</c>), and a name given twice in one object, which the API refuses rather than guess which one was
/// meant. Malformed JSON is left to the endpoint, which says where it is (a definition's pointer, the binder's field).
/// </summary>
internal static class JsonBodies
{
    /// <summary>Bounds the names echoed back in a refusal.</summary>
    private const int MaxNameShown = 100;

    public static IApplicationBuilder UseJsonBodyCheck(this IApplicationBuilder app) => app.Use(next => async context =>
    {
        if (!AcceptsJson(context) || !IsJson(context.Request) || !HasBody(context.Request))
        {
            await next(context);
            return;
        }

        var body = await ReadAsync(context.Request, BodyLimits.Of(context), context.RequestAborted);
        if (Refusal(body) is { } refusal)
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [refusal] }).ExecuteAsync(context);
            return;
        }

        // The endpoint reads the same bytes, from memory: a body may hold personal data, it is never spooled to disk.
        context.Request.Body = new MemoryStream(body, writable: false);
        await next(context);
    });

    /// <summary>Why the body is refused, in French; null when it is sound or not JSON at all (the endpoint says so).</summary>
    internal static string? Refusal(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith(Encoding.UTF8.Preamble)) body = body[Encoding.UTF8.Preamble.Length..];
        // As lenient as any reader an endpoint uses, so that the whole of what it could read is checked.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var objects = new Stack<(HashSet<string> Names, string Path)>();
        var path = "";
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push(([], path));
                        break;
                    case JsonTokenType.EndObject:
                        path = objects.Pop().Path;
                        break;
                    case JsonTokenType.PropertyName:
                        // GetString decodes, and so refuses invalid UTF-8 and lone surrogates, in names as in values.
                        var name = reader.GetString()!;
                        var (names, parent) = objects.Peek();
                        path = parent.Length == 0 ? name : parent + "." + name;
                        if (!names.Add(name))
                            return $"Le corps de la requête donne deux fois le champ « {Shown(path)} ».";
                        break;
                    case JsonTokenType.String:
                        _ = reader.GetString();
                        break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            return "Le corps de la requête contient un texte mal codé (de l'UTF-8 invalide, ou un caractère \\uD800–\\uDFFF isolé).";
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static string Shown(string path) => path.Length <= MaxNameShown ? path : path[..MaxNameShown] + "…";

    /// <summary>Whether the endpoint reads a JSON body: it says so (a typed body parameter, or <c>.Accepts</c>).</summary>
    private static bool AcceptsJson(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAcceptsMetadata>()
            .Any(accepts => accepts.ContentTypes.Any(type => type.Contains("json", StringComparison.OrdinalIgnoreCase))) == true;

    private static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>The whole body, refused as too large past <paramref name="limit"/> (whether or not it announced its length).</summary>
    private static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
