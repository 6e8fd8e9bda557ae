namespace Pathway.Host.Access;

/// <summary>
/// The roles people hold in Pathway, as carried by the <see cref="PathwayClaims.Role"/> claim. Who may call what is
/// decided in one place: <see cref="Policies"/>.
/// </summary>
public static class Roles
{
    /// <summary>Edits, versions and publishes the pathway (the designer).</summary>
    public const string ProcessOwner = "process-owner";

    /// <summary>The coordinating social worker: every file, every escalation of level 1 and 2.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>The ASE inspector: level-2 escalations and the files they concern.</summary>
    public const string Inspector = "ase-inspector";

    /// <summary>A partner's agent, bound to one partner id (<see cref="PathwayClaims.Partner"/>): its own tasks only.</summary>
    public const string Partner = "partner";

    /// <summary>The Observatoire: pseudonymised statistics only.</summary>
    public const string Observatory = "observatory";

    /// <summary>Records signalements and informations préoccupantes.</summary>
    public const string Intake = "intake";

    public static readonly IReadOnlyList<string> All = [ProcessOwner, Coordinator, Inspector, Partner, Observatory, Intake];
}

/// <summary>The claims Pathway adds to a signed-in user (from the habilitations, or the development sign-in).</summary>
public static class PathwayClaims
{
    public const string Role = "pathway_role";

    /// <summary>For <see cref="Roles.Partner"/>: the partner id of the registry the user acts for.</summary>
    public const string Partner = "pathway_partner";
}
