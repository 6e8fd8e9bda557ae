using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// Hosts claim outbox rows for a lease: each row is carried out by one host, a file's rows in their order, the two
/// lanes apart, and a dead host's rows are taken over once its lease has run out.
/// </summary>
public abstract class OutboxClaimTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : OutboxClaimTests(DatabaseProvider.Postgres)
    {
        [Fact]
        public async Task Two_hosts_claiming_at_once_get_different_rows_and_together_all_of_them()
        {
            await AddAsync(Enumerable.Range(1, 40).Select(n => Row($"file-{n}", 1, 0)).ToArray());

            // Eight claimers at once, each claiming until nothing is left for it (a claim may skip rows another
            // holds locked at that instant, so it may come back with fewer than it asked for).
            var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                var mine = new List<Guid>();
                while (await Outbox.ClaimAsync(OutboxLane.Messages, $"host-{i}", Now, Now.AddMinutes(1), 5) is { Count: > 0 } rows)
                    mine.AddRange(rows.Select(r => r.MessageId));
                return mine;
            }));

            var claimed = claims.SelectMany(c => c).ToList();
            Assert.Equal(40, claimed.Count);
            Assert.Equal(40, claimed.Distinct().Count());
        }

        [Fact]
        public async Task A_files_later_row_waits_while_another_host_holds_its_earlier_one()
        {
            var first = Row("file-1", 1, 0);
            var second = Row("file-1", 2, 0);
            await AddAsync(first, second);
            Assert.Equal([first.MessageId], (await Outbox.ClaimAsync(OutboxLane.Messages, "host-a", Now, Now.AddMinutes(1), 1)).Select(r => r.MessageId));

            Assert.Empty(await Outbox.ClaimAsync(OutboxLane.Messages, "host-b", Now, Now.AddMinutes(1), 10));

            await Outbox.MarkSentAsync(first.MessageId, Now);
            Assert.Equal([second.MessageId], (await Outbox.ClaimAsync(OutboxLane.Messages, "host-b", Now, Now.AddMinutes(1), 10)).Select(r => r.MessageId));
        }
    }

    public sealed class OnSqlite() : OutboxClaimTests(DatabaseProvider.Sqlite);

    private static readonly DateTime Now = new(2026, 7, 10, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Rows_come_in_the_order_of_their_steps_and_of_their_place_in_the_step()
    {
        var rows = new[] { Row("file-1", 2, 1), Row("file-1", 1, 1), Row("file-1", 2, 0), Row("file-1", 1, 0) };
        await AddAsync(rows);

        var claimed = await Outbox.ClaimAsync(OutboxLane.Messages, "host-a", Now, Now.AddMinutes(1), 10);

        Assert.Equal([(1L, 0), (1L, 1), (2L, 0), (2L, 1)], claimed.Select(r => (r.FileRevision, r.Position)));
        Assert.All(claimed, r => Assert.Equal("{\"n\":1}", r.Payload));
    }

    [Fact]
    public async Task A_claimed_row_is_not_claimed_again_until_its_lease_has_run_out_then_another_host_takes_it()
    {
        var row = Row("file-1", 1, 0);
        await AddAsync(row);
        Assert.Single(await Outbox.ClaimAsync(OutboxLane.Messages, "host-a", Now, Now.AddSeconds(30), 10));

        Assert.Empty(await Outbox.ClaimAsync(OutboxLane.Messages, "host-b", Now.AddSeconds(29), Now.AddSeconds(59), 10));
        var taken = Assert.Single(await Outbox.ClaimAsync(OutboxLane.Messages, "host-b", Now.AddSeconds(31), Now.AddSeconds(61), 10));

        Assert.Equal(row.MessageId, taken.MessageId);
        Assert.Equal("host-b", taken.ClaimedBy);
    }

    [Fact]
    public async Task Timers_and_messages_are_claimed_by_their_own_lanes()
    {
        var timer = Row("file-1", 1, 0, EffectKinds.ScheduleTimer);
        var message = Row("file-1", 1, 1);
        await AddAsync(timer, message);

        var timers = await Outbox.ClaimAsync(OutboxLane.Timers, "host-a", Now, Now.AddMinutes(1), 10);
        var messages = await Outbox.ClaimAsync(OutboxLane.Messages, "host-a", Now, Now.AddMinutes(1), 10);

        Assert.Equal([timer.MessageId], timers.Select(r => r.MessageId));
        Assert.Equal([message.MessageId], messages.Select(r => r.MessageId));
    }

    [Fact]
    public async Task A_released_or_failed_row_is_free_for_any_host_at_once_or_after_its_back_off()
    {
        var released = Row("file-1", 1, 0);
        var failed = Row("file-2", 1, 0);
        await AddAsync(released, failed);
        await Outbox.ClaimAsync(OutboxLane.Messages, "host-a", Now, Now.AddMinutes(1), 10);

        await Outbox.ReleaseAsync([released.MessageId], "host-a");
        await Outbox.MarkFailedAsync(failed.MessageId, "the broker did not confirm in time", Now.AddSeconds(2));

        Assert.Equal([released.MessageId], (await Outbox.ClaimAsync(OutboxLane.Messages, "host-b", Now, Now.AddMinutes(1), 10)).Select(r => r.MessageId));
        Assert.Equal([failed.MessageId], (await Outbox.ClaimAsync(OutboxLane.Messages, "host-c", Now.AddSeconds(2), Now.AddMinutes(1), 10)).Select(r => r.MessageId));
    }

    private static OutboxRow Row(string fileId, long revision, int position, string kind = "task.assigned") => new()
    {
        MessageId = Guid.NewGuid(), FileId = fileId, Kind = kind, Destination = "crip-93", Payload = "{\"n\":1}",
        CreatedAt = Now.AddSeconds(-10), FileRevision = revision, Position = position,
        DueAt = kind == EffectKinds.ScheduleTimer ? Now : null,
    };

    private async Task AddAsync(params OutboxRow[] rows)
    {
        await using var context = Database.CreateContext();
        context.Outbox.AddRange(rows);
        await context.SaveChangesAsync();
    }
}
