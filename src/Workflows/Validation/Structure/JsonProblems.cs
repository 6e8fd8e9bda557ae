using System.Text.Json;

namespace Pathway.Workflows.Validation.Structure;

/// <summary>Turns a JSON reader failure into one error at the document root, with where it happened.</summary>
internal static class JsonProblems
{
    public static ValidationError Malformed(JsonException exception) =>
        Describe(exception, "json.malformed", "The file is not valid JSON");

    /// <summary>A failure of a reader that got past the structural checks (or had none, for layouts).</summary>
    public static ValidationError Unreadable(JsonException exception, string what) =>
        Describe(exception, "json.unreadable", $"The file cannot be read as {what}");

    private static ValidationError Describe(JsonException exception, string code, string lead)
    {
        // The reader's message ends with its own "LineNumber: … | BytePositionInLine: …" suffix, in zero-based
        // numbers; say it once, one-based, as an editor counts.
        var reason = exception.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0) reason = reason[..suffix];
        // Advice meant for programmers, not for whoever edits the file.
        reason = reason.Replace(" Change the reader options.", "", StringComparison.Ordinal);
        var where = exception.LineNumber is { } line
            ? $" (line {line + 1}, position {exception.BytePositionInLine.GetValueOrDefault() + 1})"
            : "";
        return new ValidationError("", code, $"{lead}{where}: {reason.Trim().TrimEnd('.')}.");
    }
}
