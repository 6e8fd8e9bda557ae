using Pathway.Activities.Partners;
using Pathway.Host.Broker;
using RabbitMQ.Client;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// A scratch vhost provisioned for two partners, A and B, with known passwords; and AMQP connections as A and
/// as the engine (the administrator).
/// </summary>
public sealed class ProvisionedPartners : IAsyncLifetime
{
    private readonly ScratchVhost _vhost = new();
    private readonly List<IConnection> _connections = [];

    internal Partner A { get; private set; } = null!;

    internal Partner B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _vhost.InitializeAsync();
        var registry = PartnerRegistry.Parse(_vhost.NewRegistry("a", "b"), "test");
        (A, B) = (registry.All[0], registry.All[1]);
        using var broker = new RabbitManagement(TestBroker.Management, TestBroker.AdminUser, TestBroker.AdminPassword);
        await new BrokerProvisioner(broker, _vhost.Name).ProvisionAsync(
            registry, new Dictionary<string, string> { [A.Id] = PasswordOf(A), [B.Id] = PasswordOf(B) }, writePasswordsTo: null, CancellationToken.None);
    }

    /// <summary>A connection as the partner's broker user, with the password provisioning gave it.</summary>
    internal Task<IConnection> ConnectAsAsync(Partner partner) => ConnectAsync(BrokerNames.UserOf(partner.Id), PasswordOf(partner));

    /// <summary>A connection as the administrator, standing for the engine.</summary>
    internal Task<IConnection> ConnectAsEngineAsync() => ConnectAsync(TestBroker.AdminUser, TestBroker.AdminPassword);

    internal string VhostName => _vhost.Name;

    internal ManagementApi Api => _vhost.Api;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        await _vhost.DisposeAsync();
    }

    private async Task<IConnection> ConnectAsync(string user, string password)
    {
        var factory = new ConnectionFactory
        {
            HostName = TestBroker.Amqp.Host,
            Port = TestBroker.Amqp.Port,
            VirtualHost = _vhost.Name,
            UserName = user,
            Password = password,
        };
        var connection = await factory.CreateConnectionAsync();
        _connections.Add(connection);
        return connection;
    }

    private static string PasswordOf(Partner partner) => "password-of-" + partner.Id;
}
