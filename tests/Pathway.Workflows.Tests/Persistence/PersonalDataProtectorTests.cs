using System.Security.Cryptography;
using Pathway.Testing;
using Pathway.Workflows.Persistence;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// The key ring of the encrypted columns: AES-256-GCM bound to the value's place, the key id beside each value,
/// rotation, refusal of altered and moved values.
/// </summary>
public sealed class PersonalDataProtectorTests
{
    private const string Secret = "Lina Martin, née le 2011-03-02";

    private static readonly byte[] OldKey = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes);
    private static readonly byte[] NewKey = RandomNumberGenerator.GetBytes(PersonalDataProtector.KeyBytes);

    private static readonly PersonalDataPlace Note = new("file_notes.text", ["4f6f1c1e-3f0e-4d55-9d1b-5c1f0e2a9b10", "2026-T9C4A42B"]);

    private static PersonalDataProtector Ring(string current, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), current);

    [Fact]
    public void A_value_is_stored_bound_with_its_key_id_and_reads_back_as_written_in_its_place()
    {
        var ring = Ring("k1", ("k1", OldKey));

        var stored = ring.Protect(Secret, Note);

        Assert.StartsWith("pw2:k1:", stored);
        Assert.DoesNotContain("Lina", stored);
        Assert.Equal(Secret, ring.Unprotect(stored, Note));
    }

    [Fact]
    public void The_same_value_encrypted_twice_looks_different()
    {
        var ring = Ring("k1", ("k1", OldKey));

        Assert.NotEqual(ring.Protect(Secret, Note), ring.Protect(Secret, Note));
    }

    [Fact]
    public void A_value_moved_to_another_row_of_its_column_is_refused_naming_the_column_only()
    {
        var ring = Ring("k1", ("k1", OldKey));
        var stored = ring.Protect(Secret, Note);

        var refused = Assert.Throws<PersonalDataUnreadableException>(() =>
            ring.Unprotect(stored, Note with { Row = ["0b7e2f4c-1a2d-4e9b-8c3f-6d5a4b3c2d1e", "2026-T9C4A42B"] }));

        Assert.Equal(("file_notes.text", "k1"), (refused.Column, refused.KeyId));
        Assert.DoesNotContain("Lina", refused.Message);
    }

    [Fact]
    public void A_value_moved_to_a_row_of_another_file_is_refused()
    {
        var ring = Ring("k1", ("k1", OldKey));
        var stored = ring.Protect(Secret, Note);

        Assert.Throws<PersonalDataUnreadableException>(() => ring.Unprotect(stored, Note with { Row = [Note.Row[0], "2026-X1111111"] }));
    }

    [Fact]
    public void A_value_moved_to_another_column_is_refused_naming_the_column_it_was_found_in()
    {
        var ring = Ring("k1", ("k1", OldKey));
        var facts = new PersonalDataPlace("intakes.facts", ["2026-T9C4A42B"]);
        var stored = ring.Protect(Secret, facts);

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => ring.Unprotect(stored, facts with { Column = "intakes.minor" }));

        Assert.Equal("intakes.minor", refused.Column);
    }

    [Fact]
    public void Places_whose_parts_join_to_the_same_text_are_told_apart()
    {
        var ring = Ring("k1", ("k1", OldKey));
        var stored = ring.Protect(Secret, new PersonalDataPlace("journal.data", ["ab", "1"]));

        Assert.Throws<PersonalDataUnreadableException>(() => ring.Unprotect(stored, new PersonalDataPlace("journal.data", ["a", "b1"])));
    }

    [Fact]
    public void After_a_rotation_old_values_still_read_and_new_ones_use_the_current_key()
    {
        var before = Ring("k1", ("k1", OldKey)).Protect(Secret, Note);
        var rotated = Ring("k2", ("k1", OldKey), ("k2", NewKey));

        Assert.Equal(Secret, rotated.Unprotect(before, Note));
        Assert.StartsWith("pw2:k2:", rotated.Protect(Secret, Note));
    }

    [Fact]
    public void A_value_under_a_key_the_ring_does_not_hold_is_refused_naming_the_key()
    {
        var stored = Ring("k1", ("k1", OldKey)).Protect(Secret, Note);

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => Ring("k2", ("k2", NewKey)).Unprotect(stored, Note));

        Assert.Equal(("k1", "file_notes.text"), (refused.KeyId, refused.Column));
        Assert.Contains("'k1'", refused.Message);
        Assert.DoesNotContain("Lina", refused.Message);
    }

    [Fact]
    public void A_key_configured_under_the_id_but_not_the_one_used_is_refused()
    {
        var stored = Ring("k1", ("k1", OldKey)).Protect(Secret, Note);

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => Ring("k1", ("k1", NewKey)).Unprotect(stored, Note));

        Assert.Equal("k1", refused.KeyId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(-1)]
    public void An_altered_value_is_refused_rather_than_decrypted_into_garbage(int position)
    {
        var ring = Ring("k1", ("k1", OldKey));
        var stored = ring.Protect(Secret, Note);
        var sealedBytes = Convert.FromBase64String(stored["pw2:k1:".Length..]);
        // A byte of the nonce, of the ciphertext, of the tag.
        sealedBytes[position < 0 ? sealedBytes.Length + position : position] ^= 0x01;

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => ring.Unprotect("pw2:k1:" + Convert.ToBase64String(sealedBytes), Note));

        Assert.Equal("k1", refused.KeyId);
        Assert.DoesNotContain("Lina", refused.Message);
    }

    [Theory]
    [InlineData("{\"nom\":\"Martin\"}")]
    [InlineData("pw2:k1:not base64!")]
    [InlineData("pw2:k1:AAAA")]
    [InlineData("pw2:k1")]
    public void A_value_not_in_the_encrypted_form_is_refused(string stored)
    {
        var refused = Assert.Throws<PersonalDataUnreadableException>(() => Ring("k1", ("k1", OldKey)).Unprotect(stored, Note));

        Assert.Equal("file_notes.text", refused.Column);
        Assert.DoesNotContain("Martin", refused.Message);
    }

    [Fact]
    public void An_unbound_value_of_before_binding_is_refused_where_values_are_read()
    {
        var unbound = UnboundValues.Pw1(OldKey, "k1", Secret);

        var refused = Assert.Throws<PersonalDataUnreadableException>(() => Ring("k1", ("k1", OldKey)).Unprotect(unbound, Note));

        Assert.Equal(("file_notes.text", "k1"), (refused.Column, refused.KeyId));
        Assert.Contains("pw1", refused.Message);
        Assert.DoesNotContain("Lina", refused.Message);
    }

    [Fact]
    public void An_unbound_value_is_read_to_be_rebound_and_refused_when_altered()
    {
        var ring = Ring("k1", ("k1", OldKey));
        var unbound = UnboundValues.Pw1(OldKey, "k1", Secret);
        var altered = unbound[..^4] + (unbound[^4] == 'A' ? 'B' : 'A') + unbound[^3..];

        Assert.True(PersonalDataProtector.IsUnbound(unbound));
        Assert.Equal(Secret, ring.UnprotectUnbound(unbound, "file_notes.text"));
        Assert.Throws<PersonalDataUnreadableException>(() => ring.UnprotectUnbound(altered, "file_notes.text"));
        Assert.Throws<PersonalDataUnreadableException>(() => ring.UnprotectUnbound(ring.Protect(Secret, Note), "file_notes.text"));
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
