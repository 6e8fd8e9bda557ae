using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Contracts;

/// <summary>docs/partners.md: its JSON examples and its table of refused bodies.</summary>
internal static partial class PartnersGuide
{
    private static readonly Lazy<string> Guide = new(() => File.ReadAllText(RepositoryFile.Path("docs/partners.md")));

    /// <summary>The whole page.</summary>
    public static string Text => Guide.Value;

    /// <summary>Every <c>```json</c> block, with the line it starts on.</summary>
    public static IEnumerable<(int Line, JsonObject Json)> JsonBlocks =>
        JsonFence().Matches(Guide.Value).Select(m => (LineOf(m.Index), JsonNode.Parse(m.Groups["body"].Value)!.AsObject()));

    /// <summary>The rows of the table whose header starts with <c>| you send |</c>: a body and the reason it is refused with.</summary>
    public static IEnumerable<(string Body, string Reason)> Refusals
    {
        get
        {
            var lines = Guide.Value.Split('\n');
            var header = Array.FindIndex(lines, l => l.StartsWith("| you send |", StringComparison.Ordinal));
            if (header < 0) throw new InvalidOperationException("docs/partners.md has no table starting with '| you send |'.");
            foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
            {
                var row = RefusalRow().Match(line);
                if (!row.Success) throw new InvalidOperationException($"Not a refusal row (`body` | `reason` | …): {line}");
                yield return (row.Groups["body"].Value, row.Groups["reason"].Value);
            }
        }
    }

    private static int LineOf(int index) => Guide.Value.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"^```json\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonFence();

    [GeneratedRegex(@"^\|\s*`(?<body>[^`]*)`\s*\|\s*`(?<reason>[^`]*)`\s*\|")]
    private static partial Regex RefusalRow();
}
