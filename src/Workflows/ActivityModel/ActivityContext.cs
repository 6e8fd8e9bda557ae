using NodaTime;
using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// What an activity sees while it runs: the file's variables, the clock, and a way to emit effects.
/// Nothing else: no services, no database, no broker.
/// </summary>
public abstract class ActivityContext
{
    public abstract string FileId { get; }

    /// <summary>The node being run (id, stage, display name).</summary>
    public abstract ActivityNode Node { get; }

    public abstract Instant Now { get; }

    /// <summary>The deployment's calendar: its territory's public holidays and zone, its local non-working days.</summary>
    public abstract DeploymentCalendar Calendar { get; }

    /// <summary>Where deadlines expire at midnight and local dates are read: the calendar's zone (Europe/Paris by default).</summary>
    public DateTimeZone Zone => Calendar.Zone;

    /// <summary>Who caused the current step.</summary>
    public abstract string Actor { get; }

    public abstract JsonNode? GetVariable(string name);

    /// <summary>Sets a declared variable; the change is journaled.</summary>
    public abstract void SetVariable(string name, JsonNode? value);

    /// <summary>
    /// Copies <paramref name="field"/> of what arrived with the stimulus (an answer, an event) into a variable.
    /// A value of the wrong type is the sender's mistake, not the pathway's: the whole stimulus is rejected
    /// (<see cref="Runtime.StimulusRejectedException"/>) and the file stays as it was, instead of faulting.
    /// </summary>
    public abstract void SetVariableFromStimulus(string name, string field, JsonNode? value);

    /// <summary>Evaluates a JSON Logic expression over the file's variables.</summary>
    public abstract JsonNode? Evaluate(JsonNode? expression);

    /// <summary>Evaluates a JSON Logic condition with JSON Logic truthiness.</summary>
    public abstract bool IsTrue(JsonNode? condition);

    /// <summary>A new unique id (a task id, a message id), ordered by time.</summary>
    public abstract Guid NewId();

    /// <summary>Queues an effect (e.g. a partner message) to leave through the outbox with the file's commit.</summary>
    public abstract void Emit(Effect effect);

    /// <summary>States a fact about a task or an escalation (<see cref="ActivityRecord"/>), applied with the file's commit.</summary>
    public abstract void Record(ActivityRecord record);
}
