using Pathway.Activities.Partners;
using Pathway.Host.Setup;

namespace Pathway.Host.Access;

/// <summary>One person's habilitation: who (a ProConnect <c>uid</c> or an email), with which roles, for which partner.</summary>
public sealed record Habilitation(string? Uid, string? Email, IReadOnlyList<string> Roles, string? Partner);

/// <summary>
/// Who may do what in Pathway, from configuration (<c>Pathway:Access:Habilitations</c>), in one place. The
/// provider says who someone is; only this list says what they may do: roles never come from the provider.
/// </summary>
public sealed class Habilitations
{
    public const string Section = "Pathway:Access:Habilitations";

    private readonly Dictionary<string, Habilitation> _byUid;
    private readonly Dictionary<string, Habilitation> _byEmail;

    public Habilitations(IReadOnlyList<Habilitation> all)
    {
        All = all;
        _byUid = all.Where(h => h.Uid is not null).ToDictionary(h => h.Uid!, StringComparer.Ordinal);
        _byEmail = all.Where(h => h.Email is not null).ToDictionary(h => h.Email!, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Habilitation> All { get; }

    /// <summary>The habilitation of the user with this uid, else with this email.</summary>
    public Habilitation? Find(string? uid, string? email) =>
        (uid is not null ? _byUid.GetValueOrDefault(uid) : null) ?? (email is not null ? _byEmail.GetValueOrDefault(email.Trim()) : null);

    /// <summary>Reads and checks the list: every role known, a partner role bound to exactly one partner of the
    /// registry, no person listed twice.</summary>
    /// <exception cref="PathwayStartupException">The list is wrong; the message names every problem.</exception>
    public static Habilitations Read(IConfiguration configuration, PartnerRegistry partners)
    {
        var problems = new List<string>();
        var entries = configuration.GetSection(Section).GetChildren()
            .Select(entry => (entry.Path, Habilitation: ReadOne(entry, partners, problems))).ToList();
        // Named by their paths, not their values: this message is printed and a uid or an email is personal data.
        Repeated(entries, h => h.Uid, StringComparer.Ordinal, "uid", problems);
        Repeated(entries, h => h.Email, StringComparer.OrdinalIgnoreCase, "email", problems);
        if (problems.Count > 0)
            throw new PathwayStartupException("Pathway does not start: the habilitations are wrong.\n" + string.Join('\n', problems));
        return new Habilitations(entries.Select(e => e.Habilitation).ToList());
    }

    private static void Repeated(List<(string Path, Habilitation Habilitation)> entries, Func<Habilitation, string?> key,
        StringComparer comparer, string what, List<string> problems)
    {
        foreach (var same in entries.Where(e => key(e.Habilitation) is not null).GroupBy(e => key(e.Habilitation)!, comparer).Where(g => g.Count() > 1))
            problems.Add($"{string.Join(", ", same.Select(e => e.Path))} give the same {what}: give each person one entry.");
    }

    private static Habilitation ReadOne(IConfigurationSection entry, PartnerRegistry partners, List<string> problems)
    {
        var uid = NonBlank(entry["Uid"]);
        var email = NonBlank(entry["Email"]);
        var partner = NonBlank(entry["Partner"]);
        var roles = entry.GetSection("Roles").GetChildren().Select(r => r.Value?.Trim() ?? "").ToList();

        if ((uid is null) == (email is null))
            problems.Add($"{entry.Path}: give either Uid or Email (one of them, to say who this is).");
        if (roles.Count == 0)
            problems.Add($"{entry.Path}:Roles is empty: give at least one of {string.Join(", ", Roles.All)}.");
        foreach (var unknown in roles.Where(r => !Roles.All.Contains(r)))
            problems.Add($"{entry.Path}:Roles: '{unknown}' is not a role; use {string.Join(", ", Roles.All)}.");

        if (roles.Contains(Roles.Partner))
        {
            // A partner's agent sees what its partner's tasks declare; any other role would widen that.
            if (roles.Count > 1)
                problems.Add($"{entry.Path}:Roles: the {Roles.Partner} role cannot be combined with another role.");
            if (partner is null)
                problems.Add($"{entry.Path}:Partner is required with the {Roles.Partner} role: the partner id this agent acts for.");
            else if (partners.Find(partner) is null)
                problems.Add($"{entry.Path}:Partner: '{partner}' is not in the partner registry ({PartnerRegistry.FileName}).");
        }
        else if (partner is not null)
            problems.Add($"{entry.Path}:Partner is set but the roles do not include {Roles.Partner}.");

        return new Habilitation(uid, email, roles, partner);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
