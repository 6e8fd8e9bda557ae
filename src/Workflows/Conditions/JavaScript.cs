using System.Globalization;

namespace Pathway.Workflows.Conditions;

/// <summary>
/// The few JavaScript conversions between numbers and strings that json-logic-js relies on, so that the engine
/// and the designer's preview agree (e.g. <c>{"cat": ["n°", 1.5]}</c> or <c>{"==": [1, "1.0"]}</c>).
/// </summary>
internal static class JavaScript
{
    /// <summary><c>Number::toString</c>: shortest round-trip digits, laid out as JavaScript does
    /// (<c>3</c> not <c>3.0</c>, <c>1e+21</c>, <c>1e-7</c>, <c>0.000001</c>).</summary>
    public static string FormatNumber(double number)
    {
        if (double.IsNaN(number)) return "NaN";
        if (double.IsInfinity(number)) return number > 0 ? "Infinity" : "-Infinity";
        if (number == 0) return "0";
        if (Math.Abs(number) < 1e15 && number == Math.Floor(number))
            return ((long)number).ToString(CultureInfo.InvariantCulture);

        // .NET's "R" gives the same shortest digits as JavaScript but lays them out differently: extract the
        // digits and the decimal exponent, then apply ECMA-262's layout rules.
        var roundTrip = Math.Abs(number).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E');
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip.AsSpan(exponentAt + 1), CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.');
        var digits = pointAt < 0 ? mantissa : mantissa.Remove(pointAt, 1);
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        var n = (pointAt < 0 ? mantissa.Length : pointAt) + exponent - leadingZeros;
        var k = digits.Length;

        var text = n >= k && n <= 21 ? digits + new string('0', n - k)
            : n > 0 && n <= 21 ? digits[..n] + "." + digits[n..]
            : n > -6 && n <= 0 ? "0." + new string('0', -n) + digits
            : (k == 1 ? digits : digits[..1] + "." + digits[1..]) + (n - 1 < 0 ? "e-" : "e+") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        return number < 0 ? "-" + text : text;
    }

    /// <summary><c>ToNumber</c> applied to a string, as in <c>1 == "1"</c> or <c>"5" - 2</c>: surrounding
    /// white space is ignored, an empty string is 0, anything else that is not a number literal is NaN.</summary>
    public static double ToNumber(string text)
    {
        var trimmed = Trim(text, fromEnd: true);
        if (trimmed.IsEmpty) return 0;
        if (trimmed.Length > 2 && trimmed[0] == '0' && trimmed[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
            return FromDigits(trimmed[2..], trimmed[1] is 'x' or 'X' ? 16 : trimmed[1] is 'o' or 'O' ? 8 : 2);
        if (trimmed.SequenceEqual("Infinity") || trimmed.SequenceEqual("+Infinity")) return double.PositiveInfinity;
        if (trimmed.SequenceEqual("-Infinity")) return double.NegativeInfinity;
        // .NET also accepts "NaN", "∞" and a case-insensitive "infinity": let through only what a
        // JavaScript decimal literal may contain.
        foreach (var c in trimmed)
        {
            if (!char.IsAsciiDigit(c) && c is not ('+' or '-' or '.' or 'e' or 'E')) return double.NaN;
        }

        return double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var number) ? number : double.NaN;
    }

    /// <summary>The digits of a hexadecimal, octal or binary literal (<c>"0x1A"</c>), NaN if one does not belong.</summary>
    private static double FromDigits(ReadOnlySpan<char> digits, int radix)
    {
        var number = 0d;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix) return double.NaN;
            number = number * radix + digit;
        }

        return number;
    }

    /// <summary><c>parseFloat</c>, which <c>+</c> and <c>*</c> use: the longest decimal literal at the start of
    /// the string (<c>"12 ans"</c> is 12), NaN when there is none.</summary>
    public static double ParseFloat(string text)
    {
        var rest = Trim(text, fromEnd: false);
        var length = 0;
        if (length < rest.Length && rest[length] is '+' or '-') length++;
        if (rest[length..].StartsWith("Infinity"))
            return rest[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;

        var digits = CountDigits(rest, ref length);
        if (length < rest.Length && rest[length] == '.')
        {
            length++;
            digits += CountDigits(rest, ref length);
        }

        if (digits == 0) return double.NaN;
        if (length < rest.Length && rest[length] is 'e' or 'E')
        {
            var exponentEnd = length + 1;
            if (exponentEnd < rest.Length && rest[exponentEnd] is '+' or '-') exponentEnd++;
            if (CountDigits(rest, ref exponentEnd) > 0) length = exponentEnd;
        }

        return double.Parse(rest[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static int CountDigits(ReadOnlySpan<char> text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
        return position - start;
    }

    private static ReadOnlySpan<char> Trim(string text, bool fromEnd)
    {
        var span = text.AsSpan();
        var start = 0;
        while (start < span.Length && IsWhiteSpace(span[start])) start++;
        var end = span.Length;
        while (fromEnd && end > start && IsWhiteSpace(span[end - 1])) end--;
        return span[start..end];
    }

    /// <summary>JavaScript's WhiteSpace and LineTerminator, which differ slightly from <see cref="char.IsWhiteSpace(char)"/>.</summary>
    private static bool IsWhiteSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202F' or '\u205F' or '\u3000' or '\uFEFF' or (>= '\u2000' and <= '\u200A');
}
