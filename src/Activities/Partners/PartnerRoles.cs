namespace Pathway.Activities.Partners;

/// <summary>
/// The roles the engine itself relies on. Every other role of the registry (<c>definitions/partners.json</c>:
/// parquet, aemo, accueil-specialise…) is configuration only: definitions name partners by id. Escalations are
/// addressed to these roles, so which association coordinates, and who inspects, stays configuration too.
/// </summary>
public static class PartnerRoles
{
    /// <summary>The coordinating social worker, who follows every file and receives the escalations.</summary>
    public const string Coordination = "coordination";

    /// <summary>The ASE inspector: where an escalation the coordinator leaves unhandled goes next.</summary>
    public const string Inspection = "inspection";
}
