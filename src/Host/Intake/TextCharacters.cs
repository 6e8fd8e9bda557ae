using System.Globalization;
using System.Text;

namespace Pathway.Host.Intake;

/// <summary>What a text field of a form may hold beyond visible characters (docs/api.md, "Texts").</summary>
internal enum TextKind
{
    /// <summary>One line of an identity (a name, an organisation, a phone number, an e-mail, a date, a choice): no line
    /// break, no control character, no invisible character.</summary>
    Line,

    /// <summary>Lines of an identity (an address): line breaks and tabs, otherwise as <see cref="Line"/>.</summary>
    Lines,

    /// <summary>Free text (facts, notes): line breaks and tabs, and the invisible characters some scripts and emoji
    /// need (zero-width joiners, direction marks, soft hyphens); no other control character, and none of the
    /// bidirectional embeddings, overrides and isolates that reorder what is displayed.</summary>
    FreeText,
}

/// <summary>
/// Refuses the characters that make a text display otherwise than it is stored: a name holding U+202E (right-to-left
/// override) shows reversed, one holding a zero-width space looks like another name and is not the same. Identities
/// are written as on French documents, in visible characters only; free text keeps what writing in any script needs.
/// </summary>
internal static class TextCharacters
{
    public const string Invisible = "Caractère invisible ou de contrôle non permis.";

    public const string OneLine = "Ce champ doit tenir sur une ligne.";

    /// <summary>Letters and marks that display as nothing (Hangul fillers, the combining grapheme joiner, Khmer inherent
    /// vowels) and the blank Braille pattern: Unicode does not class them as format characters, spoofers use them.</summary>
    private static readonly int[] BlankLetters = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0];

    /// <returns>The French message for the first character <paramref name="kind"/> does not allow, or null.</returns>
    public static string? Refusal(string text, TextKind kind)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var allowed = rune.Value switch
            {
                '\n' or '\r' or '\t' => kind != TextKind.Line,
                // Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069), the zero-width
                // no-break space (U+FEFF, a byte order mark elsewhere) and interlinear annotations, which hide text.
                >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0xFEFF or >= 0xFFF9 and <= 0xFFFB => false,
                _ when BlankLetters.Contains(rune.Value) => kind == TextKind.FreeText,
                _ => Rune.GetUnicodeCategory(rune) switch
                {
                    // C0 and C1 controls (U+0085, the next-line control, among them).
                    UnicodeCategory.Control => false,
                    // Zero-width spaces and joiners, direction marks (U+200E, U+200F, U+061C), soft hyphen, tags…
                    UnicodeCategory.Format => kind == TextKind.FreeText,
                    // U+2028 and U+2029 break lines as '\n' does.
                    UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => kind == TextKind.FreeText,
                    _ => true,
                },
            };
            if (allowed) continue;
            return kind == TextKind.Line && rune.Value is '\n' or '\r' or 0x85 or 0x2028 or 0x2029 ? OneLine : Invisible;
        }

        return null;
    }
}
