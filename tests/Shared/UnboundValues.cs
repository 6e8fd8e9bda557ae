using System.Security.Cryptography;
using System.Text;

namespace Pathway.Testing;

/// <summary>
/// Values as the release before binding wrote them: <c>pw1:&lt;key id&gt;:&lt;base64(nonce | ciphertext | tag)&gt;</c>,
/// AES-256-GCM without associated data. The engine no longer writes this form; tests write it to prove that a
/// database of that release is rebound and then read.
/// </summary>
internal static class UnboundValues
{
    public static string Pw1(byte[] key, string keyId, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using (var aes = new AesGcm(key, 16))
            aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length));
        return $"pw1:{keyId}:{Convert.ToBase64String(sealedBytes)}";
    }
}
