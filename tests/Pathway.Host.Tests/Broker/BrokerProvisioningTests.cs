using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Activities.Partners;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// <c>broker provision</c> on a real RabbitMQ: what it declares, read back through the management API, and that
/// a second run changes nothing.
/// </summary>
public sealed class BrokerProvisioningTests(ScratchVhost vhost) : IClassFixture<ScratchVhost>, IDisposable
{
    private readonly ProvisionCommand _command = new(vhost);

    public void Dispose() => _command.Dispose();

    [Fact]
    public async Task Each_partner_gets_a_durable_task_queue_fed_by_a_fanout_exchange_of_the_same_name()
    {
        var (registry, partners) = NewRegistry("a", "b");

        var run = await _command.RunAsync(registry, "--write-passwords", _command.PathOf("passwords.json"));

        Assert.Equal(0, run.Exit);
        foreach (var partner in partners)
        {
            var queue = await vhost.Api.GetAsync(vhost.Path("queues", partner.Queue));
            Assert.True(queue!["durable"]!.GetValue<bool>());
            Assert.False(queue["auto_delete"]!.GetValue<bool>());
            await AssertDurableFanout(partner.Queue);
            await AssertBound(partner.Queue, partner.Queue);
        }
    }

    [Fact]
    public async Task Each_partner_gets_an_answer_exchange_bound_to_the_answers_queue()
    {
        var (registry, partners) = NewRegistry("a", "b");

        await _command.RunAsync(registry, "--write-passwords", _command.PathOf("passwords.json"));

        var answers = await vhost.Api.GetAsync(vhost.Path("queues", BrokerNames.AnswersQueue));
        Assert.True(answers!["durable"]!.GetValue<bool>());
        foreach (var partner in partners)
        {
            await AssertDurableFanout($"pathway.answers.{partner.Id}");
            await AssertBound($"pathway.answers.{partner.Id}", BrokerNames.AnswersQueue);
        }
    }

    [Fact]
    public async Task Each_partner_gets_a_user_without_tags_that_may_only_read_its_queue_and_write_its_answer_exchange()
    {
        var (registry, partners) = NewRegistry("a");
        var partner = partners[0];

        await _command.RunAsync(registry, "--write-passwords", _command.PathOf("passwords.json"));

        var user = await vhost.Api.GetAsync($"api/users/{partner.Id}");
        Assert.Empty(user!["tags"]!.AsArray());
        var permissions = await vhost.Api.GetAsync(vhost.Path("permissions", partner.Id));
        Assert.Equal("^$", permissions!["configure"]!.GetValue<string>());
        Assert.Equal($@"^pathway\.answers\.{partner.Id}$", permissions["write"]!.GetValue<string>());
        Assert.Equal($@"^pathway\.partner\.{partner.Id}$", permissions["read"]!.GetValue<string>());
    }

    [Fact]
    public async Task It_prints_one_line_per_partner_and_no_password()
    {
        var (registry, partners) = NewRegistry("a", "b");
        var passwordsFile = _command.PathOf("passwords.json");

        var run = await _command.RunAsync(registry, "--write-passwords", passwordsFile);

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            string.Concat(partners.Select(p => $"{p.Id}: queue pathway.partner.{p.Id}, user {p.Id}: ok\n")),
            run.Output);
        foreach (var password in ReadPasswords(passwordsFile).Values)
            Assert.DoesNotContain(password, run.Output + run.Error);
    }

    [Fact]
    public async Task Running_it_again_with_the_written_passwords_changes_nothing()
    {
        var (registry, partners) = NewRegistry("a", "b");
        var passwordsFile = _command.PathOf("passwords.json");
        await _command.RunAsync(registry, "--write-passwords", passwordsFile);
        var before = await SnapshotAsync(partners);

        var again = await _command.RunAsync(registry, "--passwords", passwordsFile);

        Assert.Equal(0, again.Exit);
        // Password hashes included: a password set again would be salted anew.
        Assert.Equal(before, await SnapshotAsync(partners));
    }

    [Fact]
    public async Task A_partner_left_out_of_the_passwords_file_keeps_the_password_it_has()
    {
        var (registry, partners) = NewRegistry("a");
        await _command.RunAsync(registry, "--write-passwords", _command.PathOf("first.json"));
        var before = await PasswordHashAsync(partners[0].Id);

        var again = await _command.RunAsync(registry, "--passwords", _command.File("none.json", "{}"));

        Assert.Equal(0, again.Exit);
        Assert.Equal(before, await PasswordHashAsync(partners[0].Id));
    }

    [Fact]
    public async Task A_password_given_for_a_partner_replaces_the_one_it_has()
    {
        var (registry, partners) = NewRegistry("a");
        var id = partners[0].Id;
        await _command.RunAsync(registry, "--write-passwords", _command.PathOf("first.json"));
        var before = await PasswordHashAsync(id);

        var again = await _command.RunAsync(registry, "--passwords", _command.File("rotated.json", $$"""{ "{{id}}": "rotated-password" }"""));

        Assert.Equal(0, again.Exit);
        Assert.NotEqual(before, await PasswordHashAsync(id));
        Assert.True(Pathway.Host.Broker.RabbitPasswordHash.Matches(await PasswordHashAsync(id), "rabbit_password_hashing_sha256", "rotated-password"));
    }

    [Fact]
    public async Task It_refuses_a_registry_partner_whose_user_is_a_tagged_account_and_changes_nothing()
    {
        var (registry, partners) = NewRegistry("a", "staff");
        var staff = partners[1].Id;
        await vhost.Api.PutAsync($"api/users/{staff}", new { password = "staff-password", tags = "management" });

        var run = await _command.RunAsync(registry, "--write-passwords", _command.PathOf("passwords.json"));

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{staff}: the broker user '{staff}' exists with tags management", run.Error);
        Assert.Null(await vhost.Api.GetAsync($"api/users/{partners[0].Id}"));
        Assert.Null(await vhost.Api.GetAsync(vhost.Path("queues", partners[0].Queue)));
        Assert.False(File.Exists(_command.PathOf("passwords.json")));
    }

    [Fact]
    public async Task It_refuses_a_vhost_that_does_not_exist()
    {
        var (registry, _) = NewRegistry("a");

        var run = await ProvisionCommand.RunRawAsync("broker", "provision",
            "--management-url", TestBroker.Management.AbsoluteUri, "--user", TestBroker.AdminUser,
            "--password-file", _command.AdminPasswordFile, "--vhost", vhost.Name + "-missing",
            "--registry", registry, "--write-passwords", _command.PathOf("passwords.json"));

        Assert.Equal(1, run.Exit);
        Assert.Equal($"broker provision: The vhost '{vhost.Name}-missing' does not exist on the broker: create it (and grant the engine's user on it) first.\n", run.Error);
    }

    [Fact]
    public async Task It_refuses_wrong_administrator_credentials()
    {
        var (registry, partners) = NewRegistry("a");

        var run = await ProvisionCommand.RunRawAsync("broker", "provision",
            "--management-url", TestBroker.Management.AbsoluteUri, "--user", TestBroker.AdminUser,
            "--password-file", _command.File("wrong.admin", "not-the-password"), "--vhost", vhost.Name,
            "--registry", registry, "--write-passwords", _command.PathOf("passwords.json"));

        Assert.Equal(1, run.Exit);
        Assert.Contains($"refused the credentials of user '{TestBroker.AdminUser}' (HTTP 401)", run.Error);
        Assert.DoesNotContain("not-the-password", run.Error);
        Assert.Null(await vhost.Api.GetAsync($"api/users/{partners[0].Id}"));
    }

    [Fact]
    public async Task It_refuses_a_broker_it_cannot_reach()
    {
        var (registry, _) = NewRegistry("a");

        // Port 1 (tcpmux) is not served on a test machine: the connection is refused at once.
        var run = await ProvisionCommand.RunRawAsync("broker", "provision",
            "--management-url", "http://127.0.0.1:1/", "--user", TestBroker.AdminUser,
            "--password-file", _command.AdminPasswordFile, "--registry", registry, "--write-passwords", _command.PathOf("passwords.json"));

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("broker provision: Cannot reach the RabbitMQ management API at http://127.0.0.1:1/: ", run.Error);
    }

    [Fact]
    public async Task It_refuses_an_invalid_registry_with_its_problems()
    {
        var registry = _command.File("partners.json", """{ "partners": [ { "id": "Bad Id" } ] }""");

        var run = await _command.RunAsync(registry, "--write-passwords", _command.PathOf("passwords.json"));

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{registry}:/partners/0/id: 'Bad Id' is not a well-formed partner id", run.Error);
        Assert.Contains($"{registry}:/partners/0: Property 'queue' is required.", run.Error);
    }

    private (string Path, IReadOnlyList<Partner> Partners) NewRegistry(params string[] names)
    {
        var json = vhost.NewRegistry(names);
        return (_command.File($"registry-{Guid.NewGuid():N}.json", json), PartnerRegistry.Parse(json, "test").All);
    }

    private async Task AssertDurableFanout(string name)
    {
        var exchange = await vhost.Api.GetAsync(vhost.Path("exchanges", name));
        Assert.NotNull(exchange);
        Assert.Equal("fanout", exchange["type"]!.GetValue<string>());
        Assert.True(exchange["durable"]!.GetValue<bool>());
        Assert.False(exchange["auto_delete"]!.GetValue<bool>());
    }

    private async Task AssertBound(string exchange, string queue)
    {
        var bindings = await vhost.Api.GetAsync(
            $"api/bindings/{ManagementApi.Segment(vhost.Name)}/e/{ManagementApi.Segment(exchange)}/q/{ManagementApi.Segment(queue)}");
        Assert.Single(bindings!.AsArray());
    }

    private async Task<string> PasswordHashAsync(string user) =>
        (await vhost.Api.GetAsync($"api/users/{user}"))!["password_hash"]!.GetValue<string>();

    /// <summary>Everything provisioning may touch for these partners, as the management API shows it.</summary>
    private async Task<string> SnapshotAsync(IEnumerable<Partner> partners)
    {
        var vhostSegment = ManagementApi.Segment(vhost.Name);
        var snapshot = new JsonObject
        {
            ["queues"] = Pick(await vhost.Api.GetAsync($"api/queues/{vhostSegment}"), "name", "durable", "auto_delete", "arguments", "type"),
            ["exchanges"] = Pick(await vhost.Api.GetAsync($"api/exchanges/{vhostSegment}"), "name", "type", "durable", "auto_delete", "internal", "arguments"),
            ["bindings"] = Pick(await vhost.Api.GetAsync($"api/bindings/{vhostSegment}"), "source", "destination", "destination_type", "routing_key", "arguments"),
            ["permissions"] = Pick(await vhost.Api.GetAsync($"api/vhosts/{vhostSegment}/permissions"), "user", "configure", "write", "read"),
        };
        var users = new JsonArray();
        foreach (var partner in partners) users.Add(Pick(new JsonArray((await vhost.Api.GetAsync($"api/users/{partner.Id}"))!.DeepClone()), "name", "password_hash", "tags")[0]!.DeepClone());
        snapshot["users"] = users;
        return snapshot.ToJsonString();
    }

    private static JsonArray Pick(JsonNode? list, params string[] properties) =>
        new([.. list!.AsArray().Select(item => (JsonNode)new JsonObject(properties.Select(p =>
            new KeyValuePair<string, JsonNode?>(p, item![p]?.DeepClone()))))]);

    private static Dictionary<string, string> ReadPasswords(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
}
