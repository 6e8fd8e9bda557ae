using System.Globalization;
using System.Text;

namespace Pathway.Host.Observatory;

/// <summary>
/// CSV as French spreadsheet programs open it without an import dialog: <c>;</c> between fields, decimal comma,
/// UTF-8 with a byte order mark, CRLF line ends; a field holding <c>;</c>, a quote or a line break is quoted.
/// A withheld figure is written <c>s</c> (secret statistique).
/// </summary>
internal sealed class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const string Withheld = "s";

    // Not the fr-FR culture: the host may run with invariant globalization; only the decimal comma matters here.
    private static readonly NumberFormatInfo French = new() { NumberDecimalSeparator = "," };
    private readonly StringBuilder _text = new();

    public Csv(params string[] header) => Row(header);

    public Csv Row(params string?[] fields)
    {
        _text.Append(string.Join(';', fields.Select(Escape))).Append("\r\n");
        return this;
    }

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? Withheld;

    public static string Number(double? value) => value?.ToString("0.#", French) ?? Withheld;

    public byte[] ToBytes() => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(_text.ToString())];

    private static string Escape(string? field) =>
        field is null ? "" : field.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
