namespace Pathway.Workflows.ActivityModel;

/// <summary>
/// The partners definitions may address (the registry, <c>definitions/partners.json</c>). Validation uses it
/// to refuse a task for a partner that does not exist; without one, partner ids are not checked.
/// </summary>
public interface IPartnerDirectory
{
    bool Exists(string partnerId);

    /// <summary>The known ids, for error messages.</summary>
    IReadOnlyCollection<string> Ids { get; }
}
