namespace Pathway.Host.Observatory;

/// <summary>
/// What the indicators recognise in a file's journal, in the words of the pathway (definitions/minor-protection-pathway,
/// v1 and v2 alike). The one place to change when a version of the pathway names these things otherwise; see
/// docs/observatoire.md.
/// </summary>
public static class PathwayVocabulary
{
    /// <summary>
    /// The outcomes that record an order protecting the minor: the parquet's ordonnance de placement provisoire
    /// (<c>opp</c>), the juge des enfants' urgent placement or provisional measures, and the decision on the merits
    /// ordering AEMO, reinforced AEMO or a placement. The first of them is the file's first protective measure.
    /// </summary>
    public static readonly IReadOnlySet<string> MeasureOutcomes = new HashSet<string>(StringComparer.Ordinal)
    {
        "opp", "placement-urgence", "mesures-provisoires", "aemo", "aemo-renforcee", "placement",
    };

    /// <summary>A runaway declared (to the police, by the home or the service running the measure).</summary>
    public const string RunawayEvent = "fugue-declaree";
}
