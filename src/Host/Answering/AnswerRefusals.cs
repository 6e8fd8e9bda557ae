namespace Pathway.Host.Answering;

/// <summary>A partner's message that is not applied; it goes to the error queue with <see cref="Exception.Message"/>
/// as its reason. The message never quotes the content of the partner's message.</summary>
/// <param name="code">Which refusal it is, one of <see cref="AnswerRefusals"/>: what metrics count.</param>
public sealed class AnswerRejectedException(string code, string reason) : Exception(reason)
{
    public string Code { get; } = code;
}

/// <summary>
/// The kinds of refusal, a closed list: the reason sent to the partner names the field or the id at fault, the
/// code only its kind, so that it can tag a metric (<c>pathway.answers.refused</c>) without unbounded values.
/// </summary>
public static class AnswerRefusals
{
    public const string ContentType = "content-type";
    public const string TooLarge = "too-large";
    public const string Malformed = "malformed";
    public const string NotAPartner = "not-a-partner";
    public const string MessageId = "message-id";
    public const string UnknownTask = "unknown-task";
    public const string AnotherPartnersTask = "another-partners-task";
    public const string TaskClosed = "task-closed";
    public const string EventNotAwaited = "event-not-awaited";
    public const string DoesNotFitTask = "does-not-fit-task";
    public const string UnknownPartner = "unknown-partner";
}
