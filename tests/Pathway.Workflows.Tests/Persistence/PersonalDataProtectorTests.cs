using System.Security.Cryptography;
using Pathway.Workflows.Persistence;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>The key ring of the encrypted columns: AES-256-GCM, the key id beside each value, rotation, refusal.</summary>
public sealed class PersonalDataProtectorTests
{
    private const string Secret = "Lina Martin, née le 2011-03-02";

    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes);
    private static readonly byte[] NewKey = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes);

    private static PersonalDataProtector Ring(string current, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), current);

    [Fact]
    public void A_value_is_stored_with_its_key_id_and_reads_back_as_written()
    {
        var ring = Ring("k1", ("k1", OldKey));

        var stored = ring.Protect(Secret);

        Assert.StartsWith("pw1:k1:", stored);
        Assert.DoesNotContain("Lina", stored);
        Assert.Equal(Secret, ring.Unprotect(stored));
    }

    [Fact]
    public void The_same_value_encrypted_twice_looks_different()
    {
        var ring = Ring("k1", ("k1", OldKey));

        Assert.NotEqual(ring.Protect(Secret), ring.Protect(Secret));
    }

    [Fact]
    public void After_a_rotation_old_values_still_read_and_new_ones_use_the_current_key()
    {
        var before = Ring("k1", ("k1", OldKey)).Protect(Secret);
        var rotated = Ring("k2", ("k1", OldKey), ("k2", NewKey));

        Assert.Equal(Secret, rotated.Unprotect(before));
        Assert.StartsWith("pw1:k2:", rotated.Protect(Secret));
    }

    [Fact]
    public void A_value_under_a_key_the_ring_does_not_hold_is_refused_naming_the_key()
    {
        var stored = Ring("k1", ("k1", OldKey)).Protect(Secret);

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => Ring("k2", ("k2", NewKey)).Unprotect(stored, "file_notes.text"));

        Assert.Equal(("k1", "file_notes.text"), (refused.KeyId, refused.Column));
        Assert.Contains("'k1'", refused.Message);
        Assert.DoesNotContain("Lina", refused.Message);
    }

    [Fact]
    public void A_key_configured_under_the_id_but_not_the_one_used_is_refused()
    {
        var stored = Ring("k1", ("k1", OldKey)).Protect(Secret);

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => Ring("k1", ("k1", NewKey)).Unprotect(stored));

        Assert.Equal("k1", refused.KeyId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-1)]
    public void An_altered_value_is_refused_rather_than_decrypted_into_garbage(int position)
    {
        var ring = Ring("k1", ("k1", OldKey));
        var stored = ring.Protect(Secret);
        var sealedBytes = Convert.FromBase64String(stored["pw1:k1:".Length..]);
        // A byte of the nonce, of the ciphertext, of the tag.
        sealedBytes[position < 0 ? sealedBytes.Length + position : position] ^= 0x01;

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => ring.Unprotect("pw1:k1:" + Convert.ToBase64String(sealedBytes)));

        Assert.Equal("k1", refused.KeyId);
        Assert.DoesNotContain("Lina", refused.Message);
    }

    [Theory]
    [InlineData("{\"nom\":\"Martin\"}")]
    [InlineData("pw1:k1:not base64!")]
    [InlineData("pw1:k1:AAAA")]
    [InlineData("pw1:k1")]
    public void A_value_not_in_the_encrypted_form_is_refused(string stored)
    {
        var refused = Assert.Throws<PersonalDataUnreadableException>(() => Ring("k1", ("k1", OldKey)).Unprotect(stored, "files.state"));

        Assert.Equal("files.state", refused.Column);
        Assert.DoesNotContain("Martin", refused.Message);
    }

    [Fact]
    public void Rings_with_the_same_keys_are_equal_and_rings_with_other_keys_are_not()
    {
        Assert.Equal(Ring("k1", ("k1", OldKey)), Ring("k1", ("k1", OldKey.ToArray())));
        Assert.NotEqual(Ring("k1", ("k1", OldKey)), Ring("k1", ("k1", NewKey)));
        Assert.NotEqual(Ring("k1", ("k1", OldKey), ("k2", NewKey)), Ring("k2", ("k1", OldKey), ("k2", NewKey)));
    }

    [Fact]
    public void A_ring_refuses_short_keys_key_ids_that_the_stored_form_cannot_carry_and_an_absent_current_key()
    {
        Assert.Throws<ArgumentException>(() => Ring("k1", ("k1", new byte[16])));
        Assert.Throws<ArgumentException>(() => Ring("k:1", ("k:1", OldKey)));
        Assert.Throws<ArgumentException>(() => Ring("k2", ("k1", OldKey)));
    }

    [Fact]
    public void A_ring_names_its_keys_but_never_shows_them()
    {
        var ring = Ring("k1", ("k1", OldKey));

        Assert.DoesNotContain(Convert.ToBase64String(OldKey), ring.ToString());
        Assert.Contains("k1", ring.ToString());
    }
}
