namespace Pathway.Activities.Partners;

/// <summary>
/// The roles of the registry (<c>definitions/partners.json</c>). Definitions and activities that need "the
/// coordinator" or "the next escalation level" look a partner up by role, so that which association plays it
/// stays configuration.
/// </summary>
public static class PartnerRoles
{
    public const string Parquet = "parquet";
    public const string JugeDesEnfants = "juge-des-enfants";
    public const string Crip = "crip";
    public const string Ase = "ase";
    public const string Pjj = "pjj";
    public const string Cdef = "cdef";

    /// <summary>The coordinating social worker, who follows every file and receives the escalations.</summary>
    public const string Coordination = "coordination";

    public const string Aemo = "aemo";
    public const string AccueilSpecialise = "accueil-specialise";
    public const string Psychotrauma = "psychotrauma";

    /// <summary>Re-contact of runaway minors.</summary>
    public const string Recontact = "recontact";

    /// <summary>The ASE inspector: where an escalation the coordinator leaves unhandled goes next.</summary>
    public const string Inspection = "inspection";
}
