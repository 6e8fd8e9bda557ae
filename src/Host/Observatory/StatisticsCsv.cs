namespace Pathway.Host.Observatory;

/// <summary>The figures of <see cref="StatisticsReport"/> as one CSV table, one indicator value per row (see docs/observatoire.md).</summary>
internal static class StatisticsCsv
{
    public static byte[] Write(StatisticsReport report)
    {
        var period = report.From == report.To ? report.From : $"{report.From} à {report.To}";
        var csv = new Csv("Indicateur", "Période", "Étape", "Partenaire", "Nombre", "Dossiers", "Médiane (jours)", "90e centile (jours)");
        foreach (var month in report.FilesOpened)
            csv.Row("Dossiers ouverts", month.Month, null, null, Csv.Number(month.Count), null, null, null);
        var measure = report.TimeToFirstMeasure;
        csv.Row("Délai du signalement à la première mesure", period, null, null, null,
            Csv.Number(measure.Files), Csv.Number(measure.MedianDays), Csv.Number(measure.P90Days));
        foreach (var stage in report.MissedDeadlines.ByStage)
            csv.Row("Délais dépassés par étape", period, stage.Label, null, Csv.Number(stage.Count), null, null, null);
        foreach (var partner in report.MissedDeadlines.ByPartner)
            csv.Row("Délais dépassés par partenaire", period, null, partner.Name, Csv.Number(partner.Count), null, null, null);
        foreach (var month in report.Runaways)
            csv.Row("Fugues déclarées", month.Month, null, null, Csv.Number(month.Count), null, null, null);
        foreach (var stage in report.TimePerStage)
            csv.Row("Durée par étape", period, stage.Label, null, null,
                Csv.Number(stage.Files), Csv.Number(stage.MedianDays), Csv.Number(stage.P90Days));
        return csv.ToBytes();
    }
}
