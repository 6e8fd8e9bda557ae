using System.CommandLine;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Pathway.Activities;
using Pathway.Host.Observatory;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Replay;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Cli;

/// <summary>
/// <c>definitions replay DRAFT.json --recorded FILES.json</c>: a draft tried on recorded files exported as JSON, for
/// the CI of a definitions repository (no database, nothing sent). Each file's recorded version is read beside the
/// draft (<c>definitions/&lt;id&gt;/v&lt;N&gt;.json</c>). Prints one line per file that differs and the totals;
/// exits 1 when the replay stops on a file (the draft cannot take a recorded stimulus), 2 when an input is unreadable.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var draft = new Argument<string>("draft") { Description = "The draft's definition file (definitions/<id>/v<N>.json)." };
        var recorded = new Option<string>("--recorded")
        {
            Description = "The recorded files: a JSON array of { fileId, definitionId, version, openedAt, stimuli: [...] } "
                + "(docs/versions.md, Trying a draft on past files).",
            Required = true,
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Timers due up to this instant (ISO 8601, e.g. 2026-06-30T00:00:00Z) fire after the last stimulus; "
                + "by default the last recorded stimulus of the set.",
        };
        var report = new Option<string?>("--report") { Description = "Also write the whole report, as JSON, to this file." };
        var command = new Command("replay", "Replay recorded files against a draft in memory; exits 1 when the replay stops on a file.")
        {
            draft, recorded, asOf, report,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var catalog = ActivityCatalog.FromAssemblies(ActivityAssembly.Instance);
            var draftPath = parse.GetValue(draft)!;
            var folder = Path.GetDirectoryName(Path.GetFullPath(draftPath))!;
            try
            {
                var target = Compile(draftPath, catalog);
                var files = JsonSerializer.Deserialize<List<RecordedFile>>(File.ReadAllText(parse.GetValue(recorded)!), RuntimeJson.Options)
                            ?? throw new ReplayInputException("The recorded files are not a JSON array.");
                var versions = new Dictionary<int, ExecutableDefinition>();
                foreach (var file in files)
                {
                    if (file.DefinitionId != target.Definition.Id)
                        throw new ReplayInputException($"File {file.FileId} ran on '{file.DefinitionId}', not on '{target.Definition.Id}'.");
                    if (!versions.ContainsKey(file.Version))
                        versions[file.Version] = Compile(Path.Combine(folder, $"v{file.Version}.json"), catalog);
                }

                var until = parse.GetValue(asOf) is { } text
                    ? InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow()
                    : files.SelectMany(f => f.Stimuli.Select(s => s.At).Append(f.OpenedAt)).DefaultIfEmpty(Instant.MinValue).Max();
                var result = new DraftReplayer(PathwayVocabulary.MeasureOutcomes)
                    .ReplayAll(target, files, f => versions[f.Version], until);
                Print(output, result);
                if (parse.GetValue(report) is { } path)
                    File.WriteAllText(path, JsonSerializer.Serialize(result, RuntimeJson.Options));
                return result.Totals.Stopped > 0 ? 1 : 0;
            }
            catch (Exception exception) when (exception is ReplayInputException or JsonException or IOException or UnparsableValueException)
            {
                error.WriteLine(exception.Message);
                return 2;
            }
        });
        return command;
    }

    private static ExecutableDefinition Compile(string path, ActivityCatalog catalog)
    {
        if (!File.Exists(path)) throw new ReplayInputException($"{path}: the file does not exist.");
        try
        {
            return ExecutableDefinition.Compile(DefinitionJson.Deserialize(File.ReadAllText(path)), catalog);
        }
        catch (Exception exception) when (exception is not IOException)
        {
            throw new ReplayInputException($"{path}: not a definition that compiles ({exception.Message}). Run definitions validate.");
        }
    }

    /// <summary>One line per file that differs, its stop first, then the totals. File ids, stages and activity ids only.</summary>
    private static void Print(TextWriter output, ReplayReport report)
    {
        foreach (var file in report.Files.Where(f => f.Differs))
        {
            var stages = $"{Where(file.Recorded)} → {Where(file.Draft)}";
            var stop = file.Stop is { } s ? $"; STOPS at stimulus {s.Index} ({s.Kind} at {s.At}{(s.ActivityId is null ? "" : " on " + s.ActivityId)}): {s.Reason}" : "";
            output.WriteLine($"{file.FileId}: {stages}; tasks {Count(file, DifferenceKind.New)} new, {Count(file, DifferenceKind.Gone)} gone, "
                + $"{Count(file, DifferenceKind.Earlier)} earlier, {Count(file, DifferenceKind.Later)} later; escalations "
                + $"{file.Escalations.Count(e => e.Change == EscalationChange.Raised)} raised, {file.Escalations.Count(e => e.Change == EscalationChange.Avoided)} avoided{stop}");
        }

        var t = report.Totals;
        output.WriteLine($"{t.Files} file(s) replayed on {report.DefinitionId} v{report.DraftVersion}: {t.Differing} differ, {t.Stopped} stop, "
            + $"{t.StageChanged} end elsewhere; tasks {t.TasksNew} new, {t.TasksGone} gone, {t.TasksEarlier} earlier, {t.TasksLater} later; "
            + $"escalations {t.EscalationsRaised} raised, {t.EscalationsAvoided} avoided; missed deadlines {t.Recorded.MissedDeadlines} → {t.Draft.MissedDeadlines}; "
            + $"mean days to first measure {Days(t.Recorded.MeanDaysToFirstMeasure)} → {Days(t.Draft.MeanDaysToFirstMeasure)}.");
    }

    private static string Where(ReplaySide side) => side.Status == "running" ? string.Join("+", side.Stages.DefaultIfEmpty("running")) : side.Status;

    private static int Count(FileReplay file, DifferenceKind kind) => file.Tasks.Count(t => t.Kind == kind);

    private static string Days(double? days) => days is { } d ? d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "–";

    private sealed class ReplayInputException(string message) : Exception(message);
}
