namespace Pathway.Host.Observatory;

/// <summary>Medians and percentiles of durations in days.</summary>
public static class Percentiles
{
    /// <summary>
    /// The <paramref name="q"/>-quantile by linear interpolation between the two nearest ranks (the method of
    /// spreadsheets' PERCENTILE.INC), rounded to a tenth of a day.
    /// </summary>
    public static double Of(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var position = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var value = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        return Math.Round(value, 1, MidpointRounding.AwayFromZero);
    }
}
