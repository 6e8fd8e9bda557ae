namespace Pathway.Host.Setup;

/// <summary>
/// Pathway refuses to start: a setting is wrong, the database does not answer, or a file of the definitions
/// folder is rejected. The message says what to fix; the problems themselves were logged one per line.
/// </summary>
public sealed class PathwayStartupException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    // An expected refusal, not a fault in Pathway: wherever it is logged, its message is all there is to say.
    public override string ToString() => $"{GetType().Name}: {Message}";
}
