using Pathway.Activities.Partners;
using Pathway.Host.Access;

namespace Pathway.Host.Files;

/// <summary>
/// Who did it, as people read it: the journal records <c>user:&lt;id&gt;</c>, a partner id or <c>system:…</c>; users are
/// named where Pathway knows their names (the development sign-in's users, the viewer), partners by the registry.
/// </summary>
internal sealed class ActorNames(PartnerRegistry partners, DevelopmentSignIn? signIn, CurrentUser viewer)
{
    public const string UserPrefix = "user:";

    public string Label(string actor)
    {
        if (actor.StartsWith(UserPrefix, StringComparison.Ordinal))
        {
            var id = actor[UserPrefix.Length..];
            return id == viewer.Id ? viewer.DisplayName : signIn?.Find(id)?.Name ?? id;
        }

        return actor switch
        {
            "system:timer" => "Échéance",
            "system:definitions" => "Publication des définitions",
            _ when Addressee.Parse(actor).Role is { } role => Role(role),
            _ => partners.Find(actor)?.Name ?? actor,
        };
    }

    /// <summary>Where escalations go, named as the coordinator's console names them.</summary>
    public static string Role(string role) => role switch
    {
        PartnerRoles.Coordination => "la coordination",
        PartnerRoles.Inspection => "l'inspection ASE",
        _ => role,
    };
}
