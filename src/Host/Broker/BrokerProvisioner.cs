using Pathway.Activities.Partners;

namespace Pathway.Host.Broker;

/// <summary>
/// Gives every partner of the registry its place on the broker (docs/broker.md): its task queue fed by a fanout
/// exchange of the same name, its answer exchange bound to the engine's answers queue, and a user that may only
/// read the one and write the other. Everything it checks comes first, so a refusal changes nothing; then it
/// only declares, creates and updates, never deletes, and a second run leaves the broker as it was.
/// </summary>
internal sealed class BrokerProvisioner(RabbitManagement broker, string vhost)
{
    /// <param name="passwords">Passwords to set; partners without one keep theirs, or get a generated one if they have none.</param>
    /// <param name="writePasswordsTo">Where to write the passwords of this run (a new file); required when one is generated.</param>
    /// <exception cref="BrokerProvisioningException">Something is missing or wrong; nothing changed unless the broker failed midway.</exception>
    public async Task<IReadOnlyList<ProvisionedPartner>> ProvisionAsync(
        PartnerRegistry registry, IReadOnlyDictionary<string, string> passwords, string? writePasswordsTo, CancellationToken cancellationToken)
    {
        if (writePasswordsTo is not null) PartnerPasswords.EnsureWritable(writePasswordsTo);
        await broker.CheckAdministratorAsync(cancellationToken);
        if (!await broker.VhostExistsAsync(vhost, cancellationToken))
            throw new BrokerProvisioningException($"The vhost '{vhost}' does not exist on the broker: create it (and grant the engine's user on it) first.");

        var plans = await PlanUsersAsync(registry, passwords, cancellationToken);
        var generated = plans.Where(p => p.Generated).Select(p => p.Partner.Id).ToList();
        if (generated.Count > 0 && writePasswordsTo is null)
            throw new BrokerProvisioningException(
                $"These partners have no password, neither given nor on the broker: {string.Join(", ", generated)}; " +
                "add them to --passwords, or give --write-passwords FILE to have them generated and written there.");
        // Written before any password is set, so that none is ever set without having been kept.
        if (writePasswordsTo is not null)
            PartnerPasswords.WriteNew(writePasswordsTo, plans.Where(p => p.Password is not null).ToDictionary(p => p.Partner.Id, p => p.Password!), registry);

        await broker.DeclareQueueAsync(vhost, BrokerNames.AnswersQueue, cancellationToken);
        var provisioned = new List<ProvisionedPartner>();
        foreach (var plan in plans)
        {
            await DeclareTopologyAsync(plan.Partner, cancellationToken);
            provisioned.Add(await ProvisionUserAsync(plan, cancellationToken));
        }

        return provisioned;
    }

    private async Task<List<UserPlan>> PlanUsersAsync(PartnerRegistry registry, IReadOnlyDictionary<string, string> passwords, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var plans = new List<UserPlan>();
        foreach (var partner in registry.All)
        {
            var user = BrokerNames.UserOf(partner.Id);
            var existing = await broker.GetUserAsync(user, cancellationToken);
            if (user == broker.User)
                problems.Add($"{partner.Id}: its broker user '{user}' is the administrator provisioning runs as.");
            else if (existing is { Tags.Count: > 0 })
                // Most likely a staff account of the same name: demoting it would lock someone out.
                problems.Add($"{partner.Id}: the broker user '{user}' exists with tags {string.Join(", ", existing.Tags)}, " +
                             "so it is not a partner's user; provisioning will not change it.");

            plans.Add(passwords.TryGetValue(partner.Id, out var given)
                ? new UserPlan(partner, user, existing, given, Generated: false)
                : existing is { PasswordHash.Length: > 0 }
                    ? new UserPlan(partner, user, existing, Password: null, Generated: false)
                    : new UserPlan(partner, user, existing, PartnerPasswords.Generate(), Generated: true));
        }

        if (problems.Count > 0) throw new BrokerProvisioningException(string.Join(Environment.NewLine, problems));
        return plans;
    }

    private async Task DeclareTopologyAsync(Partner partner, CancellationToken cancellationToken)
    {
        // Tasks: the engine sends to the exchange, the partner consumes the queue of the same name.
        await broker.DeclareFanoutExchangeAsync(vhost, partner.Queue, cancellationToken);
        await broker.DeclareQueueAsync(vhost, partner.Queue, cancellationToken);
        await broker.BindAsync(vhost, partner.Queue, partner.Queue, cancellationToken);

        // Answers: the partner publishes to its own exchange, the engine consumes them all from one queue.
        var answers = BrokerNames.AnswersExchangeOf(partner.Id);
        await broker.DeclareFanoutExchangeAsync(vhost, answers, cancellationToken);
        await broker.BindAsync(vhost, answers, BrokerNames.AnswersQueue, cancellationToken);
    }

    private async Task<ProvisionedPartner> ProvisionUserAsync(UserPlan plan, CancellationToken cancellationToken)
    {
        var change = UserChange.Unchanged;
        if (plan.Existing is null)
            change = UserChange.Created;
        else if (plan.Password is not null && !RabbitPasswordHash.Matches(plan.Existing.PasswordHash, plan.Existing.HashingAlgorithm, plan.Password))
            change = UserChange.PasswordChanged;
        if (change != UserChange.Unchanged) await broker.PutUserAsync(plan.User, plan.Password!, cancellationToken);

        var permissions = PartnerPermissions.Of(plan.Partner);
        if (await broker.GetPermissionsAsync(vhost, plan.User, cancellationToken) != permissions)
            await broker.SetPermissionsAsync(vhost, plan.User, permissions, cancellationToken);
        return new ProvisionedPartner(plan.Partner, plan.User, change);
    }

    /// <param name="Password">The password to set or confirm; null to keep the one the user has.</param>
    private sealed record UserPlan(Partner Partner, string User, BrokerUser? Existing, string? Password, bool Generated);
}

/// <summary>What provisioning did to a partner's user; the exchanges, queues and bindings are there in every case.</summary>
internal sealed record ProvisionedPartner(Partner Partner, string User, UserChange Change);

internal enum UserChange
{
    Unchanged,
    Created,
    PasswordChanged,
}
