namespace Pathway.Host.Tests.Scheduling;

/// <summary>The definition the timer tests run files on, in the JSON a process owner writes.</summary>
internal static class TimerDefinitions
{
    public const string Id = "answer-or-deadline";

    /// <summary>The event that answers the partner's task; the file then waits for <see cref="Closed"/>.</summary>
    public const string Answer = "answer-received";

    public const string Closed = "file-closed";

    /// <summary>
    /// A partner's answer or a two-second deadline, whichever comes first. Late, the file ends at once; answered,
    /// it waits for the file to be closed, so that a timer firing after the answer finds a running file whose
    /// timer bookmark is gone.
    /// </summary>
    public static string AnswerOrDeadline => $$"""
        {
          "id": "{{Id}}",
          "version": 1,
          "name": "Réponse ou échéance",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "choice", "type": "DeferredChoice", "inputs": { "branches": ["answer", "deadline"] } },
            { "id": "answer", "type": "WaitForEvent", "inputs": { "event": "{{Answer}}" } },
            { "id": "deadline", "type": "Timer", "inputs": { "duration": "PT2S" } },
            { "id": "closing", "type": "WaitForEvent", "inputs": { "event": "{{Closed}}" } },
            { "id": "closed", "type": "End" },
            { "id": "late", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "choice" },
            { "source": "choice", "outcome": "answer", "target": "answer" },
            { "source": "choice", "outcome": "deadline", "target": "deadline" },
            { "source": "answer", "outcome": "done", "target": "closing" },
            { "source": "closing", "outcome": "done", "target": "closed" },
            { "source": "deadline", "outcome": "done", "target": "late" }
          ]
        }
        """;
}
