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

        var fileId = await WholeFileRun.RunAsync(run);

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
        var personal = WholeFileRun.PersonalData;
        var leaks = lines.SelectMany(l => personal.Where(p => l.Text.Contains(p, StringComparison.OrdinalIgnoreCase))
            .Select(p => $"{l.Category} [{l.Kind}]: « {p} » in {l.Text}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));
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
