using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pathway.Host.Protection;

/// <summary>
/// Keyed hashes of a minor's identity (HMAC-SHA-256), so that a second signalement about the same minor is found
/// without decrypting any identity: the blind index of the intakes. Names are normalised first (case, accents,
/// hyphens, apostrophes and spaces), since the same name is typed differently by different services.
/// </summary>
public sealed class IdentityIndex(ProtectionKeys keys)
{
    /// <summary>Same family name, given name and birth date: surely the same minor.</summary>
    public string Exact(string familyName, string givenName, DateOnly birthDate) =>
        Hash(keys.IndexKey, Normalise(familyName), Normalise(givenName), Date(birthDate));

    /// <summary>Same family name and birth date: probably the same minor (a first name spelt otherwise, a nickname).</summary>
    public string Probable(string familyName, DateOnly birthDate) =>
        Hash(keys.IndexKey, Normalise(familyName), Date(birthDate));

    /// <summary>Lower case, without accents, keeping letters and digits only: « N'Diaye-Dupont » → « ndiayedupont ».</summary>
    public static string Normalise(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                kept.Append(char.ToLowerInvariant(c));
        return kept.ToString();
    }

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>HMAC-SHA-256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ.</summary>
    internal static string Hash(byte[] key, params string[] parts)
    {
        var text = string.Concat(parts.Select(p => p.Length.ToString(CultureInfo.InvariantCulture) + ":" + p));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>
/// The Observatoire's pseudonyms: each minor becomes an irreversible keyed hash, with a key of its own (never the
/// index key nor the encryption key), so that an export cannot be joined back to the blind index (décret 2016-1966
/// model: the same minor gets the same pseudonym from one yearly export to the next).
/// </summary>
public sealed class Pseudonyms(ProtectionKeys keys)
{
    public string Of(string familyName, string givenName, DateOnly birthDate) =>
        IdentityIndex.Hash(keys.PseudonymKey, IdentityIndex.Normalise(familyName), IdentityIndex.Normalise(givenName),
            IdentityIndex.Date(birthDate));
}
