using Microsoft.Extensions.Primitives;

namespace Pathway.Host.Api.Idempotency;

/// <summary>
/// Reads the <c>Idempotency-Key</c> request header. The IETF httpapi draft makes it a Structured Field String
/// (RFC 8941: <c>"8e03978e-40d5-43e8-bc93-6894a57f9324"</c>, quotes included); a bare value without quotes is
/// taken too, as many clients send one, and names the same key (<c>"k"</c> and <c>k</c> are one key).
/// </summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>Longer keys are refused: a UUID needs 36 characters, and keys are stored with their answer.</summary>
    public const int MaxLength = 255;

    /// <summary>The key, or null when the header is not one key of the expected form.</summary>
    public static string? Parse(StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } value) return null;
        var key = value.StartsWith('"') ? Unquote(value) : Bare(value);
        return key is { Length: > 0 and <= MaxLength } ? key : null;
    }

    /// <summary>An sf-string: printable ASCII between quotes, where only <c>\"</c> and <c>\\</c> are escapes.</summary>
    private static string? Unquote(string value)
    {
        var key = new System.Text.StringBuilder(value.Length);
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"') return i == value.Length - 1 ? key.ToString() : null;
            if (c == '\\')
            {
                if (++i == value.Length || value[i] is not ('"' or '\\')) return null;
                c = value[i];
            }
            else if (c is < ' ' or > '~')
            {
                return null;
            }

            key.Append(c);
        }

        return null;
    }

    /// <summary>Visible ASCII with no quote, backslash, comma or space: what a token-like key may hold.</summary>
    private static string? Bare(string value) =>
        value.All(c => c is > ' ' and <= '~' and not ('"' or '\\' or ',')) ? value : null;
}
