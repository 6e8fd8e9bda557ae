using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Records;

/// <summary>
/// Logs carry no personal data: a whole file runs — intake, a refused intake, partners' answers (one refused),
/// reads by the coordination and by partners, a note — with every category logging at Trace, and not one log line
/// (message, scope or exception) holds the minor's names, birth date, address, the facts, the reporter or the note.
/// </summary>
public sealed class LogScanTests
{
    private const string Note = "La mère de Zélindra signale un nouveau contact avec le réseau, gare de Noisy-Quartzite.";

    [Fact]
    public async Task A_whole_file_run_logs_no_personal_data()
    {
        var log = new ScopeCapturingLog();
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var parent = new PathwayRun(folder, settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace", ["Logging:LogLevel:Quartz"] = "Trace",
            ["Logging:LogLevel:MassTransit"] = "Trace",
        });
        var run = parent.WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(log)));

        var fileId = await RunWholeFileAsync(run);

        Assert.Equal("completed", await run.QueryAsync(c => c.Files.Where(f => f.Id == fileId).Select(f => f.Status).SingleAsync()));
        var lines = log.Lines;
        Assert.Contains(lines, l => l.Level == LogLevel.Trace);
        // Every kind of source logged at its most talkative: the web stack, the bus (the refused answer's fault
        // with its exception), the engine's host.
        Assert.Contains(lines, l => l.Category.StartsWith("MassTransit", StringComparison.Ordinal) && l.Level == LogLevel.Debug);
        Assert.Contains(lines, l => l.Category.StartsWith("MassTransit", StringComparison.Ordinal) && l.Kind == "exception");
        Assert.Contains(lines, l => l.Category == "Pathway.Host.Messaging.PartnerReplyConsumer" && l.Level == LogLevel.Warning);
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level == LogLevel.Debug);
        Assert.Contains(lines, l => l.Kind == "scope");
        var birth = DateOnly.Parse(Intakes.BirthDate);
        string[] personal =
        [
            Intakes.GivenName, Intakes.FamilyName, "Marchetti", "Oyelaran", Intakes.Address, "Tilleuls-Pourpres", Intakes.BirthDate,
            birth.ToString("dd/MM/yyyy"), Intakes.Date(birth.AddYears(18)), Intakes.Facts, "Aulnay-Quartzite", Intakes.ReporterName,
            "Vilmorin", Intakes.ReporterEmail, Intakes.ReporterPhone, Intakes.ReporterOrganisation, Note, "Noisy-Quartzite",
        ];
        var leaks = lines.SelectMany(l => personal.Where(p => l.Text.Contains(p, StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{l.Category} [{l.Kind}]: « {p} » in {l.Text}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));
    }

    private static async Task<string> RunWholeFileAsync(WebApplicationFactory<Program> run)
    {
        var desk = await run.SignInAsync("accueil");
        var refused = Intakes.Valid(birthDate: "2011-02-30");
        refused["reporter"]!["email"] = Intakes.GivenName + " chez " + Intakes.FamilyName;
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.PostAsJsonAsync("/api/intake", refused)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.PostAsync("/api/intake",
            new StringContent($"{{ \"minor\": {{ \"givenName\": \"{Intakes.GivenName}\" ", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var fileId = await Intakes.OpenFileAsync(desk);

        var coordinator = await run.SignInAsync("coordinatrice");
        await coordinator.GetJsonAsync("/api/files?overdue=false");
        await coordinator.GetJsonAsync($"/api/files/{fileId}");
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = Note })).StatusCode);

        // The coordination partner makes contact; the CRIP tells the reporter, evaluates, and closes without follow-up.
        await run.AnswerAsync("amicale-du-nid-93", await run.OpenTaskAsync("amicale-du-nid-93", fileId), "accepted");
        await run.CompleteAsync("amicale-du-nid-93", fileId, "contact-pris");
        await run.CompleteAsync("crip-93", fileId, "emetteur-informe", "retour-emetteur");
        var evaluation = await run.OpenTaskAsync("crip-93", fileId, "evaluation-crip");
        await run.AnswerAsync("crip-93", evaluation, "accepted");
        // Refused (no such outcome, and a name typed into it): it goes to the error queue with a reason that names the
        // field, never what was typed; the file is untouched.
        await run.SendAnswerAsync("crip-93", new PartnerAnswers.PartnerAnswer(evaluation, "completed", "placement " + Intakes.FamilyName,
            Data: new System.Text.Json.Nodes.JsonObject { ["commentaire"] = Intakes.Facts }));
        var crip = await run.SignInAsync("partenaire-crip-93");
        await crip.GetJsonAsync($"/api/files/{fileId}");
        await crip.GetJsonAsync($"/api/files/{fileId}/timeline");
        await run.AnswerAsync("crip-93", evaluation, "completed", "sans-suite");

        await coordinator.GetJsonAsync($"/api/files/{fileId}");
        await coordinator.GetJsonAsync($"/api/files/{fileId}/timeline");
        await (await run.SignInAsync("inspectrice")).GetJsonAsync($"/api/files/{fileId}");
        return fileId;
    }

    /// <summary>Every log entry at every level, with the scopes it was written in and its exception, as text.</summary>
    private sealed class ScopeCapturingLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<Line> _lines = new();

        public IReadOnlyList<Line> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        public sealed record Line(string Category, LogLevel Level, string Kind, string Text);

        private sealed class Logger(ScopeCapturingLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                // A scope's values are what structured sinks write beside each line: they are scanned too.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => $"{p.Key}={p.Value}") : [];
                log._lines.Enqueue(new Line(category, LogLevel.None, "scope", string.Join(" ", values.Prepend(state.ToString()))));
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => $"{p.Key}={p.Value}") : [];
                log._lines.Enqueue(new Line(category, logLevel, "message", string.Join(" ", values.Prepend(formatter(state, exception)))));
                if (exception is not null) log._lines.Enqueue(new Line(category, logLevel, "exception", exception.ToString()));
            }
        }
    }
}
