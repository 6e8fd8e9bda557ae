namespace Pathway.Host.Observatory;

/// <summary>
/// The one place that decides what the Observatoire sees of small numbers (statistical secrecy): a count from 1 to 4
/// is withheld, and so is any figure that rests on fewer than 5 files, since a handful of minors could be recognised
/// from it. Zero is shown: it identifies nobody.
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    /// <summary>A count of files.</summary>
    public static int? Files(int files) => Count(files, files);

    /// <summary>A count of events (escalations, runaways) that happened on <paramref name="files"/> distinct files.</summary>
    public static int? Count(int count, int files) => IsSmall(count) || IsSmall(files) ? null : count;

    /// <summary>A figure (a median, a percentile) computed on <paramref name="files"/> files.</summary>
    public static double? Figure(int files, Func<double> figure) => files < Threshold ? null : figure();

    private static bool IsSmall(int n) => n is > 0 and < Threshold;
}
