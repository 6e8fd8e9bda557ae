namespace Pathway.Workflows.Validation;

/// <summary>
/// One problem in a definition. <see cref="Pointer"/> is a JSON Pointer (RFC 6901) into the definition
/// document, e.g. <c>/activities/3/inputs/duration</c>; <see cref="Code"/> is stable (the designer translates
/// it); <see cref="Message"/> is a plain English sentence.
/// </summary>
public sealed record ValidationError(string Pointer, string Code, string Message)
{
    public override string ToString() => $"{Pointer}: {Message}";
}
