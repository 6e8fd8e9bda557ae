namespace Pathway.Workflows.Conditions;

/// <summary>
/// A rule cannot be evaluated: unknown operator, wrong number of arguments, malformed <c>var</c>…
/// The message may name operators and variables but never contains a variable's value: files hold personal data
/// and this message may end up in logs.
/// </summary>
public sealed class JsonLogicException(string message) : Exception(message);
