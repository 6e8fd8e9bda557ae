using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>
/// A stimulus applied to a file is committed whole: state, queryable columns, journal, stimulus id and
/// effects, in one transaction, once.
/// </summary>
public abstract class FileStepTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : FileStepTests(DatabaseProvider.Postgres);

    public sealed class OnSqlite() : FileStepTests(DatabaseProvider.Sqlite);

    private async Task<StepOutcome> OpenFileAsync(string fileId = "file-1")
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());
        return await Runner.StartAsync(SpecDefinitions.Id, fileId, new StartFile("intake-" + fileId, "user:intake",
            new Dictionary<string, JsonNode?> { ["danger"] = "grave" }));
    }

    [Fact]
    public async Task A_started_file_shows_its_status_stages_and_waiting_bookmarks_as_columns()
    {
        await OpenFileAsync();

        var file = await FileAsync("file-1");
        Assert.Equal("running", file.Status);
        Assert.Equal(1, file.Version);
        Assert.Equal(["evaluation", "parquet"], file.Stages.Select(s => s.Stage).Order());
        var timer = Assert.Single(file.Bookmarks, b => b.Kind == "Timer");
        Assert.Equal("deadline", timer.ActivityId);
        Assert.Equal((Clock.Now + Duration.FromDays(8)).ToDateTimeUtc(), timer.DueAt);
        var waiting = Assert.Single(file.Bookmarks, b => b.Kind == "Event");
        Assert.Equal(("evaluation-received", "file-1"), (waiting.EventName, waiting.CorrelationKey));
        Assert.Null(waiting.DueAt);
    }

    [Fact]
    public async Task The_journal_records_each_line_with_its_time_actor_and_stimulus()
    {
        var step = await OpenFileAsync();

        var journal = await JournalAsync("file-1");
        Assert.Equal(step.JournalLines, journal.Count);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.Sequence));
        Assert.All(journal, line =>
        {
            Assert.Equal("user:intake", line.Actor);
            Assert.Equal(DateTimeKind.Utc, line.At.Kind);
            Assert.Equal(Clock.Now.ToDateTimeUtc(), line.At);
        });
        Assert.Equal(JournalKinds.StimulusReceived, journal[0].Kind);
        Assert.Equal("intake-file-1", journal[0].StimulusId);
        Assert.Contains(journal, j => j.Kind == JournalKinds.ActivityWaiting && j.ActivityId == "deadline");
        Assert.Contains(journal, j => j.Kind == JournalKinds.VariableChanged || j.Kind == JournalKinds.FileStarted);
    }

    [Fact]
    public async Task A_timer_is_written_to_the_outbox_in_the_same_transaction()
    {
        await OpenFileAsync();

        var pending = await Outbox.PendingAsync(DateTime.UtcNow.AddYears(10));
        var timer = Assert.Single(pending, o => o.Kind == EffectKinds.ScheduleTimer);
        Assert.Equal("file-1", timer.FileId);
        Assert.Equal((Clock.Now + Duration.FromDays(8)).ToDateTimeUtc(), timer.DueAt);
        var bookmark = Assert.Single((await FileAsync("file-1")).Bookmarks, b => b.Kind == "Timer");
        Assert.Contains(bookmark.Id.ToString(), timer.Payload);

        await Outbox.MarkSentAsync(timer.MessageId, Clock.Now.ToDateTimeUtc());
        Assert.DoesNotContain(await Outbox.PendingAsync(DateTime.UtcNow.AddYears(10)), o => o.MessageId == timer.MessageId);
    }

    [Fact]
    public async Task Each_effect_is_journaled_with_the_id_of_its_outbox_row()
    {
        await OpenFileAsync();

        var timer = Assert.Single(await Outbox.PendingAsync(DateTime.UtcNow.AddYears(10)));
        var emitted = Assert.Single(await JournalAsync("file-1"), j => j.Kind == JournalKinds.EffectEmitted);
        Assert.Equal("deadline", emitted.ActivityId);
        var data = JsonNode.Parse(emitted.Data!)!.AsObject();
        Assert.Equal(timer.MessageId.ToString(), (string?)data["messageId"]);
        Assert.Equal(EffectKinds.ScheduleTimer, (string?)data["kind"]);
    }

    [Fact]
    public async Task A_faulted_file_no_longer_waits_for_anything()
    {
        await PublishAsync(SpecDefinitions.FaultsAfterWaiting());
        await Runner.StartAsync("faulting-spec", "file-1", new StartFile("s1", "user:intake"));
        Assert.Single((await FileAsync("file-1")).Bookmarks);

        var step = await Runner.ApplyAsync("file-1", new RaiseEvent("e1", "partner:crip", "evaluation-received", "file-1"));

        Assert.Equal(FileStatus.Faulted, step.Status);
        var file = await FileAsync("file-1");
        Assert.Equal("faulted", file.Status);
        Assert.Empty(file.Bookmarks);
        Assert.Equal(["evaluation"], file.Stages.Select(s => s.Stage));
        Assert.Contains(await JournalAsync("file-1"), j => j.Kind == JournalKinds.FileFaulted);
    }

    [Fact]
    public async Task Each_stimulus_moves_the_columns_with_the_tokens_until_the_file_completes()
    {
        await OpenFileAsync();

        await Runner.ApplyAsync("file-1", new RaiseEvent("evaluation-1", "partner:crip", "evaluation-received", "file-1"));
        var file = await FileAsync("file-1");
        Assert.Equal(["parquet"], file.Stages.Select(s => s.Stage));
        var timer = Assert.Single(file.Bookmarks);

        Clock.Now = Instant.FromDateTimeUtc(timer.DueAt!.Value);
        var last = await Runner.ApplyAsync("file-1", new ResumeBookmark("timer-" + timer.Id, "system:timer", timer.Id));

        Assert.Equal(FileStatus.Completed, last.Status);
        file = await FileAsync("file-1");
        Assert.Equal("completed", file.Status);
        Assert.Empty(file.Stages);
        Assert.Empty(file.Bookmarks);
        Assert.Equal(Clock.Now.ToDateTimeUtc(), file.ClosedAt);
        Assert.Equal(3, file.Revision);
        Assert.Contains(await JournalAsync("file-1"), j => j.Kind == JournalKinds.FileCompleted && j.Actor == "system:timer");
    }

    [Fact]
    public async Task A_duplicated_stimulus_is_applied_once()
    {
        await OpenFileAsync();
        var evaluation = new RaiseEvent("evaluation-1", "partner:crip", "evaluation-received", "file-1");

        var first = await Runner.ApplyAsync("file-1", evaluation);
        var journalAfterFirst = (await JournalAsync("file-1")).Count;
        var second = await Runner.ApplyAsync("file-1", evaluation);

        Assert.Equal(StepDisposition.Applied, first.Disposition);
        Assert.Equal(StepDisposition.Duplicate, second.Disposition);
        Assert.Equal(journalAfterFirst, (await JournalAsync("file-1")).Count);
        Assert.Equal(2, (await FileAsync("file-1")).Revision);
    }

    [Fact]
    public async Task A_duplicated_start_is_a_no_op_and_another_start_with_the_same_file_id_is_refused()
    {
        await OpenFileAsync();

        var again = await Runner.StartAsync(SpecDefinitions.Id, "file-1", new StartFile("intake-file-1", "user:intake"));
        Assert.Equal(StepDisposition.Duplicate, again.Disposition);
        await Assert.ThrowsAsync<FileAlreadyExistsException>(
            () => Runner.StartAsync(SpecDefinitions.Id, "file-1", new StartFile("another-intake", "user:intake")));
        Assert.Equal(1, (await FileAsync("file-1")).Revision);
    }

    [Fact]
    public async Task Rows_alongside_a_stimulus_are_committed_with_it_when_applied_and_not_when_it_is_ignored()
    {
        await OpenFileAsync();

        var ignored = await Runner.ApplyAsync("file-1", new RaiseEvent("runaway-1", "partner:police", "runaway-declared", "file-1"),
            alongside: [KeyRow("ignored")]);
        var applied = await Runner.ApplyAsync("file-1", new RaiseEvent("evaluation-1", "partner:crip", "evaluation-received", "file-1"),
            alongside: [KeyRow("applied")]);

        Assert.Equal((StepDisposition.Ignored, StepDisposition.Applied), (ignored.Disposition, applied.Disposition));
        Assert.Equal(["applied"], await QueryAsync(c => c.IdempotencyKeys.Select(k => k.Key).ToListAsync()));
    }

    [Fact]
    public async Task A_start_whose_row_alongside_someone_else_wrote_first_is_rolled_back_whole_not_taken_for_a_file_id_clash()
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());
        await Runner.StartAsync(SpecDefinitions.Id, "file-1", new StartFile("intake-file-1", "user:intake",
            new Dictionary<string, JsonNode?> { ["danger"] = "grave" }), alongside: [KeyRow("taken")]);

        await Assert.ThrowsAsync<DbUpdateException>(() => Runner.StartAsync(SpecDefinitions.Id, "file-2",
            new StartFile("intake-file-2", "user:intake", new Dictionary<string, JsonNode?> { ["danger"] = "grave" }), alongside: [KeyRow("taken")]));

        Assert.Equal(["file-1"], await QueryAsync(c => c.Files.Select(f => f.Id).ToListAsync()));
        Assert.DoesNotContain(await Outbox.PendingAsync(DateTime.UtcNow.AddYears(10)), o => o.FileId == "file-2");
    }

    private IdempotencyKeyRow KeyRow(string key) => new()
    {
        Actor = "user:coordinator", Key = key, Fingerprint = "fingerprint", Status = 200, ContentType = "application/json",
        Body = "{}", CreatedAt = Clock.Now.ToDateTimeUtc(), ExpiresAt = (Clock.Now + Duration.FromDays(7)).ToDateTimeUtc(),
    };

    [Fact]
    public async Task A_stimulus_with_nothing_to_act_on_is_journaled_and_counts_as_applied()
    {
        await OpenFileAsync();

        var step = await Runner.ApplyAsync("file-1", new RaiseEvent("runaway-1", "partner:police", "runaway-declared", "file-1"));

        Assert.Equal(StepDisposition.Ignored, step.Disposition);
        Assert.NotNull(step.IgnoredBecause);
        var last = (await JournalAsync("file-1"))[^1];
        Assert.Equal(("runaway-1", JournalKinds.StimulusReceived), (last.StimulusId, last.Kind));
        Assert.Equal(StepDisposition.Duplicate,
            (await Runner.ApplyAsync("file-1", new RaiseEvent("runaway-1", "partner:police", "runaway-declared", "file-1"))).Disposition);
    }

    [Fact]
    public async Task A_rejected_stimulus_writes_nothing()
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());

        await Assert.ThrowsAsync<StimulusRejectedException>(() => Runner.StartAsync(SpecDefinitions.Id, "file-1",
            new StartFile("s1", "user:intake", new Dictionary<string, JsonNode?> { ["undeclared"] = 1 })));

        Assert.Equal(0, await QueryAsync(c => c.Files.CountAsync()));
        Assert.Empty(await Outbox.PendingAsync(DateTime.UtcNow.AddYears(10)));
    }

    [Fact]
    public async Task A_stimulus_carrying_a_mistyped_field_is_rejected_and_the_file_left_as_it_was()
    {
        await PublishAsync(SpecDefinitions.EvaluationWithAge());
        await Runner.StartAsync("age-spec", "file-1", new StartFile("s1", "user:intake"));
        var journal = (await JournalAsync("file-1")).Count;

        var rejected = await Assert.ThrowsAsync<StimulusRejectedException>(() => Runner.ApplyAsync("file-1",
            new RaiseEvent("e1", "partner:crip", "evaluation-received", "file-1", new JsonObject { ["age"] = "quinze" })));

        Assert.Equal("Field 'age' does not fit variable 'age': Variable 'age' takes a number value.", rejected.Message);
        var file = await FileAsync("file-1");
        Assert.Equal(("running", 1L), (file.Status, file.Revision));
        Assert.Equal(journal, (await JournalAsync("file-1")).Count);
        // Corrected, the same event goes through.
        var step = await Runner.ApplyAsync("file-1",
            new RaiseEvent("e2", "partner:crip", "evaluation-received", "file-1", new JsonObject { ["age"] = 15 }));
        Assert.Equal(FileStatus.Completed, step.Status);
    }

    [Fact]
    public async Task A_stimulus_for_an_unknown_file_is_refused()
    {
        var error = await Assert.ThrowsAsync<UnknownFileException>(
            () => Runner.ApplyAsync("nobody", new RaiseEvent("e1", "partner:crip", "evaluation-received", "nobody")));
        Assert.Equal("There is no file 'nobody'.", error.Message);
    }

    [Fact]
    public async Task A_file_stays_on_its_version_when_a_new_one_is_published()
    {
        await OpenFileAsync("on-v1");
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline(2, "Version 2"));

        await Runner.StartAsync(SpecDefinitions.Id, "on-v2", new StartFile("s2", "user:intake"));
        await Runner.ApplyAsync("on-v1", new RaiseEvent("e1", "partner:crip", "evaluation-received", "on-v1"));

        Assert.Equal(1, (await FileAsync("on-v1")).Version);
        Assert.Equal(2, (await FileAsync("on-v2")).Version);
        Assert.Contains("pinned", (await RefusedAsync("UPDATE files SET version = 2 WHERE id = 'on-v1'")).Message);
    }

    [Fact]
    public async Task The_database_keeps_the_journal_append_only()
    {
        await OpenFileAsync();

        Assert.Contains("append-only", (await RefusedAsync("UPDATE journal SET actor = 'someone else'")).Message);
        Assert.Contains("append-only", (await RefusedAsync("DELETE FROM journal")).Message);
        Assert.NotEmpty(await JournalAsync("file-1"));
    }

    [Fact]
    public async Task A_file_that_ends_in_its_first_step_is_completed_and_closed()
    {
        await PublishAsync(SpecDefinitions.Immediate());

        var step = await Runner.StartAsync("immediate-spec", "file-1", new StartFile("s1", "user:intake"));

        Assert.Equal(FileStatus.Completed, step.Status);
        var file = await FileAsync("file-1");
        Assert.Equal(("completed", Clock.Now.ToDateTimeUtc()), (file.Status, file.ClosedAt));
    }

    [Fact]
    public async Task Stimuli_racing_for_one_file_are_each_applied_exactly_once()
    {
        // Many files, and for each the partner's evaluation and the deadline arrive at the same moment,
        // each of them delivered twice: every file ends with both applied once, in one order or the other.
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());
        var files = Enumerable.Range(1, 12).Select(i => $"race-{i}").ToList();
        foreach (var id in files)
            await Runner.StartAsync(SpecDefinitions.Id, id, new StartFile("start-" + id, "user:intake"));
        var timers = await QueryAsync(c => c.Bookmarks.Where(b => b.Kind == "Timer").ToDictionaryAsync(b => b.FileId, b => b.Id));
        Clock.Now += Duration.FromDays(8);

        var stimuli = files.SelectMany(id => new Stimulus[]
        {
            new RaiseEvent("evaluation-" + id, "partner:crip", "evaluation-received", id),
            new ResumeBookmark("timer-" + id, "system:timer", timers[id]),
        }).ToList();
        var deliveries = stimuli.Concat(stimuli)
            .Select(s => (FileId: s is RaiseEvent e ? e.CorrelationKey : ((ResumeBookmark)s).Id[6..], Stimulus: s))
            .ToList();
        var outcomes = await Task.WhenAll(deliveries.Select(d => Task.Run(() => Runner.ApplyAsync(d.FileId, d.Stimulus))));

        Assert.Equal(stimuli.Count, outcomes.Count(o => o.Disposition == StepDisposition.Applied));
        Assert.Equal(stimuli.Count, outcomes.Count(o => o.Disposition == StepDisposition.Duplicate));
        foreach (var id in files)
        {
            var file = await FileAsync(id);
            Assert.Equal(("completed", 3L), (file.Status, file.Revision));
            var journal = await JournalAsync(id);
            Assert.Single(journal, j => j.Kind == JournalKinds.FileCompleted);
            Assert.Single(journal, j => j.StimulusId == "evaluation-" + id && j.Kind == JournalKinds.StimulusReceived);
            Assert.Single(journal, j => j.StimulusId == "timer-" + id && j.Kind == JournalKinds.StimulusReceived);
            Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.Sequence));
        }
    }
}
