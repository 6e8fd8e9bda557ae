namespace Pathway.Activities.Partners;

/// <summary>
/// The registry cannot be used. <see cref="Problems"/> holds one <c>file:pointer: message</c> line per problem
/// (the format of <c>definitions validate</c>); the message lists them all, one a line.
/// </summary>
public sealed class PartnerRegistryException(IReadOnlyList<string> problems)
    : Exception("The partner registry is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
