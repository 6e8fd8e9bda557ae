using Microsoft.AspNetCore.Authorization;

namespace Pathway.Host.Access;

/// <summary>
/// The one place that decides which roles may use which endpoints. Endpoints name a policy
/// (<c>.RequireAuthorization(Policies.ReadFiles)</c>); finer rules (a partner sees only its own tasks, identity
/// only for the roles in <see cref="SeeIdentity"/>) are applied by the feature, from <see cref="CurrentUser"/>.
/// </summary>
public static class Policies
{
    public const string Intake = "intake";
    public const string ReadFiles = "read-files";
    public const string WriteNotes = "write-notes";
    public const string HandleEscalations = "handle-escalations";
    public const string ReadDefinitions = "read-definitions";
    public const string EditDefinitions = "edit-definitions";
    public const string ReadRegistry = "read-registry";
    public const string ReadStatistics = "read-statistics";
    public const string ExportPseudonymised = "export-pseudonymised";

    /// <summary>Policy → roles allowed.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        [Intake] = [Roles.Intake, Roles.Coordinator],
        [ReadFiles] = [Roles.Coordinator, Roles.Inspector, Roles.Partner],
        [WriteNotes] = [Roles.Coordinator, Roles.Inspector],
        [HandleEscalations] = [Roles.Coordinator, Roles.Inspector],
        [ReadDefinitions] = [Roles.ProcessOwner, Roles.Coordinator],
        [EditDefinitions] = [Roles.ProcessOwner],
        // The partner registry: the designer's partner picker, the console's reassign and convene pickers.
        [ReadRegistry] = [Roles.ProcessOwner, Roles.Coordinator, Roles.Inspector],
        [ReadStatistics] = [Roles.Observatory, Roles.Coordinator, Roles.ProcessOwner],
        [ExportPseudonymised] = [Roles.Observatory],
    };

    /// <summary>Roles that see a minor's whole identity on any file they may read. A partner sees only the identity
    /// fields its own tasks on that file declare.</summary>
    public static readonly IReadOnlyList<string> SeeIdentity = [Roles.Coordinator, Roles.Inspector];

    public static AuthorizationBuilder AddPathwayPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Allowed)
            builder.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireClaim(PathwayClaims.Role, roles));
        // Anything not marked otherwise requires a signed-in user with a habilitation: someone the provider knows but
        // Pathway does not gets 403 everywhere but GET /api/session (which asks only for a signed-in user).
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(PathwayClaims.Role, Roles.All).Build());
        return builder;
    }
}
