using System.Diagnostics.Metrics;

namespace Pathway.Host.Telemetry;

/// <summary>
/// The host's own measures, on .NET's <see cref="Meter"/> (exported by OpenTelemetry when configured,
/// <see cref="TelemetryServices"/>). Each tag takes its values from a closed list (an effect kind, a refusal code),
/// never from a file's data.
/// </summary>
internal static class PathwayMetrics
{
    public const string Name = "Pathway.Host";

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> OutboxLag = Meter.CreateHistogram<double>(
        "pathway.outbox.lag", "s", "From the commit of an effect to its being carried out (sent to the broker, or the timer scheduled).");

    private static readonly Histogram<double> DeadlineLateness = Meter.CreateHistogram<double>(
        "pathway.deadline.lateness", "s", "How late a timer resumed its file: the time it was applied minus the time it was due.");

    private static readonly Counter<long> AnswersRefused = Meter.CreateCounter<long>(
        "pathway.answers.refused", "{answer}", "Partners' messages refused and sent to the error queue, by kind of refusal.");

    public static void EffectCarriedOut(string kind, TimeSpan sinceCommit) =>
        OutboxLag.Record(Math.Max(0, sinceCommit.TotalSeconds), new KeyValuePair<string, object?>("pathway.effect", kind));

    public static void TimerApplied(TimeSpan late) => DeadlineLateness.Record(Math.Max(0, late.TotalSeconds));

    public static void AnswerRefused(string code) => AnswersRefused.Add(1, new KeyValuePair<string, object?>("pathway.refusal", code));
}
