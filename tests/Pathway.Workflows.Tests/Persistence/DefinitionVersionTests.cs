using Microsoft.EntityFrameworkCore;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Tests.Persistence;

/// <summary>Draft → published → retired; the database itself keeps published versions as they were.</summary>
public abstract class DefinitionVersionTests(DatabaseProvider provider) : PersistenceSpec(provider)
{
    public sealed class OnPostgres() : DefinitionVersionTests(DatabaseProvider.Postgres)
    {
        [Fact]
        public async Task A_draft_changed_while_it_is_being_published_is_validated_as_changed()
        {
            await Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(), "owner");
            // Another session changes the draft into an invalid one and has not committed yet.
            await using var editor = Database.CreateContext();
            await using var edit = await editor.Database.BeginTransactionAsync();
            var invalid = DefinitionJson.Serialize(SpecDefinitions.Dangling(1));
            await editor.Database.ExecuteSqlAsync($"UPDATE definition_versions SET document = CAST({invalid} AS json) WHERE version = 1");

            var publishing = Definitions.PublishAsync(SpecDefinitions.Id, 1, "owner");
            await Task.Delay(300);
            Assert.False(publishing.IsCompleted, "publishing must wait for the draft being saved");
            await edit.CommitAsync();

            Assert.NotEmpty(await publishing);
            Assert.Equal(VersionStatus.Draft, Assert.Single(await Definitions.VersionsAsync(SpecDefinitions.Id)).Status);
        }
    }

    public sealed class OnSqlite() : DefinitionVersionTests(DatabaseProvider.Sqlite);

    [Fact]
    public async Task A_valid_draft_is_published_with_its_author_and_time()
    {
        await Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(), "owner");

        var errors = await Definitions.PublishAsync(SpecDefinitions.Id, 1, "owner");

        Assert.Empty(errors);
        var version = Assert.Single(await Definitions.VersionsAsync(SpecDefinitions.Id));
        Assert.Equal(VersionStatus.Published, version.Status);
        Assert.Equal("owner", version.PublishedBy);
        Assert.Equal(Clock.Now.ToDateTimeUtc(), version.PublishedAt);
        Assert.Equal(1, await Definitions.LatestPublishedAsync(SpecDefinitions.Id));
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_returns_its_errors_and_leaves_it_a_draft()
    {
        await Definitions.SaveDraftAsync(SpecDefinitions.Dangling(1), "owner");

        var errors = await Definitions.PublishAsync(SpecDefinitions.Id, 1, "owner");

        Assert.Contains(errors, e => e.Pointer.StartsWith("/activities/", StringComparison.Ordinal) && e.Message.Contains("end"));
        Assert.Equal(VersionStatus.Draft, Assert.Single(await Definitions.VersionsAsync(SpecDefinitions.Id)).Status);
        Assert.Null(await Definitions.LatestPublishedAsync(SpecDefinitions.Id));
    }

    [Fact]
    public async Task A_draft_can_change_and_be_deleted()
    {
        await Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(), "owner");
        await Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(name: "Renommé"), "owner");
        Assert.Equal("Renommé", (await Definitions.FindAsync(SpecDefinitions.Id, 1))!.Name);

        Assert.Equal(1, await SqlAsync("DELETE FROM definition_versions WHERE version = 1"));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_published_version()
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());

        Assert.Contains("immutable", (await RefusedAsync("UPDATE definition_versions SET name = 'Modifié' WHERE version = 1")).Message);
        await RefusedAsync("UPDATE definition_versions SET document = '[]' WHERE version = 1");
        await RefusedAsync("UPDATE definition_versions SET status = 'draft' WHERE version = 1");
        Assert.Contains("cannot be deleted", (await RefusedAsync("DELETE FROM definition_versions WHERE version = 1")).Message);

        Assert.Equal("Évaluation et échéance", (await Definitions.FindAsync(SpecDefinitions.Id, 1))!.Name);
    }

    [Fact]
    public async Task The_database_refuses_to_change_a_retired_version_or_bring_it_back()
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());
        await Definitions.RetireAsync(SpecDefinitions.Id, 1, "owner");

        await RefusedAsync("UPDATE definition_versions SET status = 'published' WHERE version = 1");
        await RefusedAsync("UPDATE definition_versions SET document = '[]' WHERE version = 1");
        await RefusedAsync("DELETE FROM definition_versions WHERE version = 1");
    }

    [Fact]
    public async Task A_published_version_cannot_be_saved_over_as_a_draft()
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());

        var conflict = await Assert.ThrowsAsync<DefinitionConflictException>(
            () => Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(name: "Modifié"), "owner"));
        Assert.Contains("v1 is published", conflict.Message);
    }

    [Fact]
    public async Task A_new_draft_takes_a_version_above_every_existing_one()
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline(2));

        await Assert.ThrowsAsync<DefinitionConflictException>(
            () => Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(1), "owner"));
        await Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(3), "owner");
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_and_other_content_is_a_conflict()
    {
        var first = await Definitions.ImportPublishedAsync(SpecDefinitions.EvaluationAndDeadline(), "system");
        var again = await Definitions.ImportPublishedAsync(SpecDefinitions.EvaluationAndDeadline(), "system");

        Assert.Equal(ImportOutcome.Published, first.Outcome);
        Assert.Equal(ImportOutcome.Unchanged, again.Outcome);
        var conflict = await Assert.ThrowsAsync<DefinitionConflictException>(
            () => Definitions.ImportPublishedAsync(SpecDefinitions.EvaluationAndDeadline(name: "Autre"), "system"));
        Assert.Contains("save the change as v2", conflict.Message);
    }

    [Fact]
    public async Task An_invalid_file_is_not_imported()
    {
        var result = await Definitions.ImportPublishedAsync(SpecDefinitions.Dangling(1), "system");

        Assert.Equal(ImportOutcome.Invalid, result.Outcome);
        Assert.NotEmpty(result.Errors);
        Assert.Empty(await Definitions.VersionsAsync(SpecDefinitions.Id));
    }

    [Fact]
    public async Task Retiring_a_version_stops_new_files_but_keeps_its_files_running()
    {
        await PublishAsync(SpecDefinitions.EvaluationAndDeadline());
        await Runner.StartAsync(SpecDefinitions.Id, "file-1", new StartFile("s1", "intake"));

        await Definitions.RetireAsync(SpecDefinitions.Id, 1, "owner");

        await Assert.ThrowsAsync<DefinitionNotFoundException>(
            () => Runner.StartAsync(SpecDefinitions.Id, "file-2", new StartFile("s2", "intake")));
        var step = await Runner.ApplyAsync("file-1", new RaiseEvent("e1", "crip", "evaluation-received", "file-1"));
        Assert.Equal(StepDisposition.Applied, step.Disposition);
        Assert.Equal(1, (await FileAsync("file-1")).Version);
    }

    [Fact]
    public async Task No_file_can_start_on_a_draft()
    {
        await Definitions.SaveDraftAsync(SpecDefinitions.EvaluationAndDeadline(), "owner");

        await Assert.ThrowsAsync<DefinitionNotFoundException>(
            () => Runner.StartAsync(SpecDefinitions.Id, "file-1", new StartFile("s1", "intake")));
        // Even asked for by number, the database refuses it.
        await Assert.ThrowsAnyAsync<Exception>(
            () => Runner.StartAsync(SpecDefinitions.Id, "file-1", new StartFile("s1", "intake"), version: 1));
        Assert.Equal(0, await QueryAsync(c => c.Files.CountAsync()));
    }
}
