namespace Pathway.Host.Messaging;

/// <summary>How the answers that fail for a reason of Pathway's are tried again (<see cref="MessagingServices"/>).</summary>
/// <param name="TriesBeforeReturn">Tries of one delivery before it is given back to RabbitMQ's queue.</param>
/// <param name="Ceiling">The longest wait between two tries: how late an answer is applied once the fault is gone.</param>
internal sealed record AnswerRetries(int TriesBeforeReturn, TimeSpan Ceiling)
{
    /// <summary>0.7 s, 1 s, 2 s, 4 s, 8 s, then every 10 s: about three minutes per delivery, well within RabbitMQ's
    /// consumer timeout.</summary>
    public static readonly AnswerRetries Default = new(20, TimeSpan.FromSeconds(10));
}
