using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pathway.Activities.Partners;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Host.Designer;

/// <summary>
/// The designer's palette, read from the activity catalogue (its attributes carry the French labels), and the
/// partner registry. Nothing here is stored: both come from the code and <c>definitions/partners.json</c>.
/// </summary>
internal static class Palette
{
    public static Ok<List<PaletteEntry>> Of(ActivityCatalog catalog) => TypedResults.Ok(catalog.All
        .OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.DisplayName, StringComparer.Ordinal)
        .Select(Entry).ToList());

    public static Ok<List<PartnerEntry>> Partners(PartnerRegistry partners) =>
        TypedResults.Ok(partners.All.Select(p => new PartnerEntry(p.Id, p.Name, p.Role)).ToList());

    private static PaletteEntry Entry(ActivityDescriptor activity) => new(
        activity.Type, activity.DisplayName, activity.Category, activity.Description, activity.Blocking,
        activity.Inputs.Select(i => new PaletteInput(i.Name, Kind(i.Kind), i.DisplayName, i.Description, i.Required, i.AllowedValues)).ToList(),
        [.. activity.Outcomes.Select(o => new PaletteOutcome(o.Name, o.Label)), .. UndeclaredOutcomes.GetValueOrDefault(activity.Type, [])],
        activity.HasDynamicOutcomes,
        // The inputs whose values name outcomes (a fork's branches, a task's possible answers, a switch's cases).
        activity.Inputs.Where(i => i.Kind is InputKind.OutcomeNames or InputKind.Cases).Select(i => i.Name).ToList());

    /// <summary>
    /// Outcomes an activity always has but does not declare as an attribute (its <c>GetOutcomes</c> adds them to the
    /// ones its inputs name), with their French labels: the one place the Host adds display metadata to the catalogue.
    /// </summary>
    private static readonly Dictionary<string, PaletteOutcome[]> UndeclaredOutcomes = new(StringComparer.Ordinal)
    {
        ["Switch"] = [new PaletteOutcome("default", "Sinon")],
    };

    /// <summary>The editor an input needs, named as in JSON: <c>partner</c>, <c>deadline</c>, <c>variableList</c>, <c>condition</c>…</summary>
    private static string Kind(InputKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}

/// <summary>
/// One activity type. <see cref="Outcomes"/> are the outcomes every node of the type has; when
/// <see cref="DynamicOutcomes"/> is true, a node has more, named by the values of the inputs in <see cref="OutcomesFrom"/>.
/// </summary>
public sealed record PaletteEntry(
    string Type, string Label, string Category, string? Description, bool Blocking, IReadOnlyList<PaletteInput> Inputs,
    IReadOnlyList<PaletteOutcome> Outcomes, bool DynamicOutcomes, IReadOnlyList<string> OutcomesFrom);

/// <summary>An input; <see cref="Choices"/> lists the allowed values of a <c>choice</c>.</summary>
public sealed record PaletteInput(string Name, string Kind, string Label, string? Description, bool Required, IReadOnlyList<string>? Choices);

public sealed record PaletteOutcome(string Name, string Label);

public sealed record PartnerEntry(string Id, string Name, string Role);
