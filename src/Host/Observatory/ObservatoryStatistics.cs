using Pathway.Activities.Partners;

namespace Pathway.Host.Observatory;

/// <summary>
/// The indicators of a period. Each event counts in the month it happened: a file in the month it was opened, a
/// missed deadline when its escalation was raised, a runaway when it was declared, a duration in the month it ended
/// (the first measure taken, the stage left). Every number goes through <see cref="Suppression"/>.
/// </summary>
internal static class ObservatoryStatistics
{
    public static StatisticsReport Compute(StatisticsPeriod period, ObservedPeriod observed, PartnerRegistry partners)
    {
        var files = observed.Files;
        var opened = files.Where(f => period.Contains(f.OpenedAt)).ToList();
        var runaways = files.SelectMany(f => f.Runaways.Where(period.Contains).Select(at => (f.FileId, At: at))).ToList();
        var measured = files.Where(f => f.FirstMeasureAt is { } at && period.Contains(at)).Select(f => f.DaysToFirstMeasure!.Value).ToList();
        var stays = files.SelectMany(f => f.Stays.Where(s => period.Contains(s.LeftAt))).ToLookup(s => s.Stage, s => s.Days);

        return new StatisticsReport(
            Suppression.Threshold,
            StatisticsPeriod.Format(period.From),
            StatisticsPeriod.Format(period.To),
            period.Months().Select(m => new MonthCount(StatisticsPeriod.Format(m),
                Suppression.Files(opened.Count(f => StatisticsPeriod.MonthOf(f.OpenedAt) == m)))).ToList(),
            Durations(measured),
            new MissedDeadlines(
                observed.Stages.Select(s => new StageCount(s.Id, s.Label, Count(observed.MissedDeadlines.Where(d => d.Stage == s.Id)))).ToList(),
                PartnersOf(observed.MissedDeadlines, partners).Select(p => new PartnerCount(p.Id, p.Name,
                    Count(observed.MissedDeadlines.Where(d => d.Partner == p.Id)))).ToList()),
            period.Months().Select(m => new MonthCount(StatisticsPeriod.Format(m),
                Count(runaways.Where(r => StatisticsPeriod.MonthOf(r.At) == m).Select(r => r.FileId)))).ToList(),
            observed.Stages.Select(s => TimeIn(s, stays[s.Id].ToList())).ToList());
    }

    private static int? Count(IEnumerable<MissedDeadline> missed) => Count(missed.Select(m => m.FileId));

    /// <summary>Events, given by the file each happened on.</summary>
    private static int? Count(IEnumerable<string> fileOfEachEvent)
    {
        var events = fileOfEachEvent.ToList();
        return Suppression.Count(events.Count, events.Distinct(StringComparer.Ordinal).Count());
    }

    private static StageDuration TimeIn(StageLabel stage, IReadOnlyCollection<double> days)
    {
        var figure = Durations(days);
        return new StageDuration(stage.Id, stage.Label, figure.Files, figure.MedianDays, figure.P90Days);
    }

    /// <summary>One duration per file.</summary>
    private static DurationFigure Durations(IReadOnlyCollection<double> days) => new(
        Suppression.Files(days.Count),
        Suppression.Figure(days.Count, () => Percentiles.Of(days, 0.5)),
        Suppression.Figure(days.Count, () => Percentiles.Of(days, 0.9)));

    /// <summary>The partners of the registry, in its order, then any other partner a missed deadline names.</summary>
    private static IEnumerable<(string Id, string Name)> PartnersOf(IEnumerable<MissedDeadline> missed, PartnerRegistry partners) =>
        partners.All.Select(p => (p.Id, p.Name))
            .Concat(missed.Select(m => m.Partner).OfType<string>().Where(id => !partners.Exists(id)).Distinct().Select(id => (id, id)));
}

/// <summary>The Observatoire's figures; every count and figure is null when withheld (see <see cref="Suppression"/>).</summary>
public sealed record StatisticsReport(
    int SuppressedBelow, string From, string To, IReadOnlyList<MonthCount> FilesOpened, DurationFigure TimeToFirstMeasure,
    MissedDeadlines MissedDeadlines, IReadOnlyList<MonthCount> Runaways, IReadOnlyList<StageDuration> TimePerStage);

public sealed record MonthCount(string Month, int? Count);

/// <summary>Durations in days, one per file: how many files, the median and the 90th percentile.</summary>
public sealed record DurationFigure(int? Files, double? MedianDays, double? P90Days);

public sealed record MissedDeadlines(IReadOnlyList<StageCount> ByStage, IReadOnlyList<PartnerCount> ByPartner);

public sealed record StageCount(string Stage, string Label, int? Count);

public sealed record PartnerCount(string Partner, string Name, int? Count);

public sealed record StageDuration(string Stage, string Label, int? Files, double? MedianDays, double? P90Days);
