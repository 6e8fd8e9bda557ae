using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Pathway.Host.Api.Idempotency;
using Pathway.Host.Tests.Records;

namespace Pathway.Host.Tests.Idempotency;

/// <summary>
/// An intake sent again with its <c>Idempotency-Key</c> (a retry after a lost answer) gets the first answer and opens no
/// second file; the same key with another intake is refused; keys are each user's own and last the retention.
/// </summary>
public sealed class IntakeRetryTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_key_and_intake_get_the_first_201_again_and_open_one_file(string provider)
    {
        await using var rig = await IdempotencyRig.StartAsync(provider);
        var desk = await rig.ClientAsAsync("accueil");
        var key = IdempotencyRig.NewKey();

        var first = await IdempotencyRig.IntakeAsync(desk, key);
        var retry = await IdempotencyRig.IntakeAsync(desk, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.False(first.Replayed);
        Assert.Equal((HttpStatusCode.Created, first.Body, first.Location, "application/json"), (retry.Status, retry.Body, retry.Location, retry.ContentType));
        Assert.True(retry.Replayed);
        Assert.Equal($"/api/files/{first.FileId}", retry.Location);
        Assert.Equal(1, await rig.FilesAsync());
        Assert.Equal(1, await rig.KeysAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Requests_racing_with_one_key_open_one_file_and_all_get_its_answer(string provider)
    {
        await using var rig = await IdempotencyRig.StartAsync(provider);
        var desk = await rig.ClientAsAsync("accueil");
        var key = IdempotencyRig.NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => IdempotencyRig.IntakeAsync(desk, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.FileId).Distinct());
        Assert.Single(answers, a => !a.Replayed);
        Assert.Equal(1, await rig.FilesAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_intake_is_a_409_in_French_and_opens_nothing()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var desk = await rig.ClientAsAsync("accueil");
        var key = IdempotencyRig.NewKey();
        await IdempotencyRig.IntakeAsync(desk, key);

        var other = await IdempotencyRig.IntakeAsync(desk, key, Intakes.Valid(givenName: "Ysaline"));

        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("application/problem+json", other.ContentType);
        Assert.Equal("Clé d'idempotence déjà utilisée.", other.Json.GetProperty("title").GetString());
        Assert.Equal(1, await rig.FilesAsync());
    }

    [Fact]
    public async Task Without_a_key_each_intake_opens_its_own_file_as_before()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var desk = await rig.ClientAsAsync("accueil");

        var first = await IdempotencyRig.IntakeAsync(desk, key: null);
        var second = await IdempotencyRig.IntakeAsync(desk, key: null);

        Assert.NotEqual(first.FileId, second.FileId);
        Assert.Equal(2, await rig.FilesAsync());
        Assert.Equal(0, await rig.KeysAsync());
    }

    [Fact]
    public async Task A_key_is_its_users_own_another_user_with_the_same_key_neither_replays_nor_is_refused()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var desk = await rig.ClientAsAsync("accueil");
        var coordinator = await rig.ClientAsAsync("coordinatrice");
        var key = IdempotencyRig.NewKey();
        var mine = await IdempotencyRig.IntakeAsync(desk, key);

        var same = await IdempotencyRig.IntakeAsync(coordinator, key);
        var other = await IdempotencyRig.IntakeAsync(coordinator, IdempotencyRig.NewKey(), Intakes.Valid(givenName: "Ysaline"));

        Assert.Equal((HttpStatusCode.Created, false), (same.Status, same.Replayed));
        Assert.NotEqual(mine.FileId, same.FileId);
        Assert.Equal(HttpStatusCode.Created, other.Status);
        Assert.Equal(3, await rig.FilesAsync());
    }

    public static TheoryData<string> MalformedKeys =>
    [
        "\"\"",
        "\"unterminated",
        "\"8e03978e\"trailing",
        "\"bad \\escape\"",
        "two words",
        "a,b",
        new string('k', IdempotencyKeyHeader.MaxLength + 1),
    ];

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task A_malformed_key_is_a_400_naming_the_header_and_nothing_is_done(string key)
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var desk = await rig.ClientAsAsync("accueil");

        var answer = await IdempotencyRig.IntakeAsync(desk, key);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Clé d'idempotence invalide.", answer.Json.GetProperty("title").GetString());
        Assert.StartsWith("La clé doit être", answer.Json.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString());
        Assert.Equal(0, await rig.FilesAsync());
    }

    [Fact]
    public async Task A_quoted_key_and_the_same_key_bare_are_one_key()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var desk = await rig.ClientAsAsync("accueil");
        var key = Guid.NewGuid().ToString();

        var quoted = await IdempotencyRig.IntakeAsync(desk, $"\"{key}\"");
        var bare = await IdempotencyRig.IntakeAsync(desk, key);

        Assert.True(bare.Replayed);
        Assert.Equal(quoted.FileId, bare.FileId);
        Assert.Equal(1, await rig.FilesAsync());
    }

    [Fact]
    public async Task An_answer_is_kept_for_the_retention_after_which_the_key_serves_anew()
    {
        var clock = new ManualClock(SystemClock.Instance.GetCurrentInstant());
        await using var rig = await IdempotencyRig.StartAsync(clock: clock);
        var desk = await rig.ClientAsAsync("accueil");
        var key = IdempotencyRig.NewKey();
        var first = await IdempotencyRig.IntakeAsync(desk, key);

        clock.Now += Duration.FromTimeSpan(IdempotencySettings.DefaultRetention) - Duration.FromMinutes(1);
        var withinRetention = await IdempotencyRig.IntakeAsync(desk, key);
        clock.Now += Duration.FromMinutes(2);
        var afterRetention = await IdempotencyRig.IntakeAsync(desk, key);

        Assert.Equal((true, first.FileId), (withinRetention.Replayed, withinRetention.FileId));
        Assert.Equal((HttpStatusCode.Created, false), (afterRetention.Status, afterRetention.Replayed));
        Assert.NotEqual(first.FileId, afterRetention.FileId);
        Assert.Equal(2, await rig.FilesAsync());
        Assert.Equal(1, await rig.KeysAsync());
    }

    [Fact]
    public async Task Expired_keys_are_purged_and_the_others_kept()
    {
        var clock = new ManualClock(SystemClock.Instance.GetCurrentInstant());
        await using var rig = await IdempotencyRig.StartAsync(clock: clock);
        var desk = await rig.ClientAsAsync("accueil");
        await IdempotencyRig.IntakeAsync(desk, IdempotencyRig.NewKey());
        await IdempotencyRig.IntakeAsync(desk, IdempotencyRig.NewKey(), Intakes.Valid(givenName: "Ysaline"));
        clock.Now += Duration.FromTimeSpan(IdempotencySettings.DefaultRetention) + Duration.FromMinutes(1);
        await IdempotencyRig.IntakeAsync(desk, IdempotencyRig.NewKey(), Intakes.Valid(givenName: "Maëlys"));

        var purged = await rig.Host.Services.GetRequiredService<IdempotencyStore>().PurgeAsync(clock.Now.ToDateTimeUtc(), CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Equal(1, await rig.KeysAsync());
    }

    [Fact]
    public async Task The_kept_answer_is_encrypted_at_rest()
    {
        await using var rig = await IdempotencyRig.StartAsync();
        var desk = await rig.ClientAsAsync("accueil");
        var first = await IdempotencyRig.IntakeAsync(desk, IdempotencyRig.NewKey());

        var stored = await rig.QueryAsync(c => c.Database.SqlQueryRaw<string>("SELECT body AS \"Value\" FROM idempotency_keys").SingleAsync());

        Assert.DoesNotContain(first.FileId, stored);
        Assert.DoesNotContain("fileId", stored);
    }
}
