using System.Security.Cryptography;
using System.Text;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Encrypts the columns that may hold personal data (AES-256-GCM), so that a copy of the database, a backup or a
/// curious query shows none of it. Stored form: <c>pw2:&lt;key id&gt;:&lt;base64(nonce | ciphertext | tag)&gt;</c>,
/// bound to its <see cref="PersonalDataPlace"/> (table, column and row) by GCM's associated data: a value moved to
/// another row or column fails authentication exactly like an altered one. The key ring maps key ids to 32-byte
/// keys: new values are encrypted with the current key, and a value is decrypted with the key its id names, so that
/// rotating keys never re-encrypts the append-only journal.
/// </summary>
/// <remarks>
/// <c>pw1:</c> values, written before values were bound to their place, are read only by
/// <see cref="PersonalDataRebinding"/>, which rewrites them bound when the database is migrated; anywhere else they
/// are refused, so that a value carrying no place cannot be planted where it would be read.
/// Two protectors with the same keys and current key are equal.
/// </remarks>
public sealed class PersonalDataProtector : IEquatable<PersonalDataProtector>
{
    public const int KeyBytes = 32;

    /// <summary>Bound to its place: the form every value is written in.</summary>
    private const string Bound = "pw2:";

    /// <summary>Unbound, from before values were bound to their place: read only to be rebound.</summary>
    private const string Unbound = "pw1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _fingerprint;

    /// <param name="keys">Key id → 32-byte key. Ids are letters, digits, '-', '_' or '.'.</param>
    /// <param name="currentKeyId">The key new values are encrypted with.</param>
    public PersonalDataProtector(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var (id, key) in keys)
        {
            if (!IsValidKeyId(id))
                throw new ArgumentException($"Key id '{id}' may hold only letters, digits, '-', '_' and '.'.", nameof(keys));
            if (key.Length != KeyBytes)
                throw new ArgumentException($"Key '{id}' must be {KeyBytes} bytes.", nameof(keys));
        }

        if (!keys.ContainsKey(currentKeyId))
            throw new ArgumentException($"The current key '{currentKeyId}' is not in the key ring.", nameof(currentKeyId));
        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal);
        CurrentKeyId = currentKeyId;
        _fingerprint = Fingerprint(_keys, currentKeyId);
    }

    public string CurrentKeyId { get; }

    /// <summary>Letters, digits, '-', '_' and '.': a key id is written beside each value, before a ':'.</summary>
    public static bool IsValidKeyId(string id) => id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A protector with one fresh random key: for tests and benchmarks, whose databases live one run.</summary>
    public static PersonalDataProtector Random(string keyId = "test") =>
        new(new Dictionary<string, byte[]> { [keyId] = RandomNumberGenerator.GetBytes(KeyBytes) }, keyId);

    /// <summary>True for a value in the unbound form of before values were bound to their place (<c>pw1:</c>).</summary>
    public static bool IsUnbound(string stored) => stored.StartsWith(Unbound, StringComparison.Ordinal);

    /// <summary>Encrypts <paramref name="plaintext"/> with the current key and a fresh random nonce, bound to
    /// <paramref name="place"/>.</summary>
    public string Protect(string plaintext, PersonalDataPlace place)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[CurrentKeyId], TagBytes))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length),
                place.AssociatedData(Bound));
        return Bound + CurrentKeyId + ":" + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Decrypts a value written by <see cref="Protect"/> for the same <paramref name="place"/>, under whichever
    /// key of the ring it names.</summary>
    /// <exception cref="PersonalDataUnreadableException">Not in the stored form, unbound (<c>pw1:</c>), under a key
    /// the ring does not hold, altered, or written for another place: nothing is returned rather than garbage or
    /// another row's data. The exception names the column, never the value.</exception>
    public string Unprotect(string stored, PersonalDataPlace place)
    {
        if (IsUnbound(stored))
            throw new PersonalDataUnreadableException(place.Column, KeyIdOf(stored, Unbound),
                "is in the unbound form 'pw1:' of before values were bound to their place: it is read only to be rebound " +
                "when the database is migrated (docs/protection.md)");
        return Decrypt(stored, Bound, place.Column, place.AssociatedData(Bound),
            "fails authentication: it was altered, moved from another row or column, or the key configured under this id is not the one it was encrypted with");
    }

    /// <summary>Decrypts an unbound <c>pw1:</c> value, to rebind it (<see cref="PersonalDataRebinding"/>) and nothing else.</summary>
    /// <param name="column">Named in the exception (e.g. <c>files.state</c>), never the value.</param>
    internal string UnprotectUnbound(string stored, string column) => Decrypt(stored, Unbound, column, null,
        "fails authentication: it was altered, or the key configured under this id is not the one it was encrypted with");

    private string Decrypt(string stored, string prefix, string column, byte[]? associatedData, string tagMismatch)
    {
        var keyId = KeyIdOf(stored, prefix);
        if (keyId is null)
            throw new PersonalDataUnreadableException(column, null,
                $"is not in the encrypted form '{prefix}<key id>:…' (written without encryption, or by another tool)");
        if (!_keys.TryGetValue(keyId, out var key))
            throw new PersonalDataUnreadableException(column, keyId,
                "was encrypted with a key the key ring does not hold (configure it under Pathway:Protection:Keys)");

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[(prefix.Length + keyId.Length + 1)..]);
        }
        catch (FormatException)
        {
            throw new PersonalDataUnreadableException(column, keyId, "is not valid base64: it was altered");
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
            throw new PersonalDataUnreadableException(column, keyId, "is too short: it was altered");
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length),
                sealedBytes.AsSpan(NonceBytes + plain.Length), plain, associatedData);
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new PersonalDataUnreadableException(column, keyId, tagMismatch, exception);
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The key id of a value in the form <paramref name="prefix"/>, or null when it is not in that form.</summary>
    private static string? KeyIdOf(string stored, string prefix)
    {
        var colon = stored.StartsWith(prefix, StringComparison.Ordinal) ? stored.IndexOf(':', prefix.Length) : -1;
        return colon < 0 ? null : stored[prefix.Length..colon];
    }

    public bool Equals(PersonalDataProtector? other) => other is not null && other._fingerprint == _fingerprint;

    public override bool Equals(object? obj) => Equals(obj as PersonalDataProtector);

    public override int GetHashCode() => _fingerprint.GetHashCode(StringComparison.Ordinal);

    /// <summary>Says which keys, never the keys themselves (a protector may end up in a debugger or a log).</summary>
    public override string ToString() => $"PersonalDataProtector(current: {CurrentKeyId}, keys: {string.Join(", ", _keys.Keys.Order(StringComparer.Ordinal))})";

    /// <summary>A hash of the ring, to compare rings without keeping a second copy of the keys.</summary>
    private static string Fingerprint(Dictionary<string, byte[]> keys, string current)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(current + "\n"));
        foreach (var (id, key) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(id + "\n"));
            hash.AppendData(key);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

/// <summary>A protected value that cannot be decrypted. The message names the column and the key id, never the data.</summary>
public sealed class PersonalDataUnreadableException(string column, string? keyId, string reason, Exception? inner = null)
    : Exception(keyId is null ? $"A value of {column} {reason}." : $"A value of {column} under key '{keyId}' {reason}.", inner)
{
    public string Column { get; } = column;

    /// <summary>The key id the value names; null when the value is not in the encrypted form at all.</summary>
    public string? KeyId { get; } = keyId;
}
