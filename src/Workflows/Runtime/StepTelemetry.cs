using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pathway.Workflows.Persistence;

namespace Pathway.Workflows.Runtime;

/// <summary>
/// The engine's own traces and metrics, on .NET's built-in <see cref="ActivitySource"/> and <see cref="Meter"/>, so
/// that the engine depends on no telemetry library: the host subscribes with OpenTelemetry when it exports.
/// Tags name what kind of stimulus a step applied and what became of it, never a value of the file.
/// </summary>
public static class StepTelemetry
{
    /// <summary>The name of the engine's activity source and meter.</summary>
    public const string Name = "Pathway.Workflows";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "pathway.step.duration", "s", "How long one step took: read the file, interpret the stimulus, commit state, journal and outbox.");

    /// <summary>Begins the span and the clock of one step; dispose it when the step ends, committed or not.</summary>
    public static Step Begin(string operation, Stimulus stimulus, string fileId) => new(operation, stimulus, fileId);

    /// <summary>One step being measured. A step that ends without <see cref="Done"/> is recorded as <c>failed</c>.</summary>
    public sealed class Step : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly Activity? _span;
        private readonly string _stimulus;
        private string _disposition = "failed";

        internal Step(string operation, Stimulus stimulus, string fileId)
        {
            // The stimulus' type is one of a few names (StartFile, ResumeBookmark…); the file id is the random id
            // the logs carry already, never the minor's identity.
            _stimulus = stimulus.GetType().Name;
            _span = Source.StartActivity("pathway.step " + operation);
            _span?.SetTag("pathway.stimulus", _stimulus);
            _span?.SetTag("pathway.file.id", fileId);
        }

        /// <summary>Records what the step did and hands its outcome back.</summary>
        public StepOutcome Done(StepOutcome outcome)
        {
            _disposition = outcome.Disposition.ToString().ToLowerInvariant();
            return outcome;
        }

        public void Dispose()
        {
            var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            Duration.Record(elapsed, new KeyValuePair<string, object?>("pathway.stimulus", _stimulus),
                new KeyValuePair<string, object?>("pathway.disposition", _disposition));
            if (_span is null) return;
            _span.SetTag("pathway.disposition", _disposition);
            if (_disposition == "failed") _span.SetStatus(ActivityStatusCode.Error);
            _span.Dispose();
        }
    }
}
