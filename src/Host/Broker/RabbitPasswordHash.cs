using System.Security.Cryptography;
using System.Text;

namespace Pathway.Host.Broker;

/// <summary>
/// Tells whether a password is the one a RabbitMQ user already has, from the salted hash the management API
/// returns (base64 of a 4-byte salt followed by hash(salt + UTF-8 password)). Checking first is what lets a
/// second provisioning run leave users exactly as they were, instead of re-salting every password.
/// </summary>
internal static class RabbitPasswordHash
{
    private const int SaltLength = 4;

    /// <returns>False when the hash is empty, malformed or made with an algorithm this does not know.</returns>
    public static bool Matches(string storedHash, string algorithm, string password)
    {
        if (string.IsNullOrEmpty(storedHash)) return false;
        byte[] stored;
        try
        {
            stored = Convert.FromBase64String(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }

        if (stored.Length <= SaltLength) return false;
        var salted = stored[..SaltLength].Concat(Encoding.UTF8.GetBytes(password)).ToArray();
        byte[]? computed = algorithm switch
        {
            "rabbit_password_hashing_sha256" => SHA256.HashData(salted),
            "rabbit_password_hashing_sha512" => SHA512.HashData(salted),
            _ => null,
        };
        return computed is not null && CryptographicOperations.FixedTimeEquals(computed, stored.AsSpan(SaltLength));
    }
}
