using System.Buffers.Text;
using System.Text.Json;
using Pathway.Activities.Partners;
using Pathway.Host.Broker;

namespace Pathway.Host.Tests.Broker;

/// <summary>
/// Partner passwords: where they come from, where they go (a new file only its owner can read), and never to
/// the console.
/// </summary>
public sealed class PartnerPasswordsTests(ScratchVhost vhost) : IClassFixture<ScratchVhost>, IDisposable
{
    private readonly ProvisionCommand _command = new(vhost);

    public void Dispose() => _command.Dispose();

    [Fact]
    public async Task Generated_passwords_are_written_to_a_new_file_only_its_owner_can_read()
    {
        var (registry, partners) = NewRegistry("a", "b");
        var file = _command.PathOf("passwords.json");

        var run = await _command.RunAsync(registry, "--write-passwords", file);

        Assert.Equal(0, run.Exit);
        // Pathway runs on Linux; Windows has no file mode to check (and the test fails there).
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(file));
        var passwords = ReadPasswords(file);
        Assert.Equal(partners.Select(p => p.Id), passwords.Keys);
        // 32 random bytes each, and the broker took them.
        Assert.All(passwords.Values, p => Assert.Equal(32, Base64Url.DecodeFromChars(p).Length));
        foreach (var (id, password) in passwords)
            Assert.True(RabbitPasswordHash.Matches(await PasswordHashAsync(id), "rabbit_password_hashing_sha256", password));
    }

    [Fact]
    public async Task The_written_file_holds_the_given_passwords_too()
    {
        var (registry, partners) = NewRegistry("a", "b");
        var given = _command.File("given.json", $$"""{ "{{partners[0].Id}}": "given-password" }""");
        var file = _command.PathOf("passwords.json");

        var run = await _command.RunAsync(registry, "--passwords", given, "--write-passwords", file);

        Assert.Equal(0, run.Exit);
        var passwords = ReadPasswords(file);
        Assert.Equal("given-password", passwords[partners[0].Id]);
        Assert.True(RabbitPasswordHash.Matches(await PasswordHashAsync(partners[1].Id), "rabbit_password_hashing_sha256", passwords[partners[1].Id]));
    }

    [Fact]
    public async Task It_never_overwrites_a_passwords_file_and_then_changes_nothing()
    {
        var (registry, partners) = NewRegistry("a");
        var file = _command.File("passwords.json", "kept as it is");

        var run = await _command.RunAsync(registry, "--write-passwords", file);

        Assert.Equal(1, run.Exit);
        Assert.Equal($"broker provision: {file} already exists: give --write-passwords a new file, it never overwrites one.\n", run.Error);
        Assert.Equal("kept as it is", File.ReadAllText(file));
        Assert.Null(await vhost.Api.GetAsync($"api/users/{partners[0].Id}"));
    }

    [Fact]
    public async Task Without_a_passwords_option_it_refuses()
    {
        var (registry, partners) = NewRegistry("a");

        var run = await _command.RunAsync(registry);

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("broker provision: Say where partner passwords come from: --passwords FILE", run.Error);
        Assert.Null(await vhost.Api.GetAsync($"api/users/{partners[0].Id}"));
    }

    [Fact]
    public async Task A_new_partner_without_a_given_password_needs_a_file_to_write_one_to()
    {
        var (registry, partners) = NewRegistry("a", "b");
        var given = _command.File("given.json", $$"""{ "{{partners[0].Id}}": "given-password" }""");

        var run = await _command.RunAsync(registry, "--passwords", given);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"These partners have no password, neither given nor on the broker: {partners[1].Id}; add them to --passwords", run.Error);
        Assert.Null(await vhost.Api.GetAsync($"api/users/{partners[0].Id}"));
    }

    [Fact]
    public async Task A_passwords_file_naming_an_unknown_partner_is_refused_without_quoting_it()
    {
        var (registry, _) = NewRegistry("a");
        var given = _command.File("given.json", """{ "no-such-partner": "secret-password" }""");

        var run = await _command.RunAsync(registry, "--passwords", given);

        Assert.Equal(1, run.Exit);
        Assert.Contains("names partners the registry does not have: no-such-partner", run.Error);
        Assert.DoesNotContain("secret-password", run.Error);
    }

    [Fact]
    public async Task A_passwords_file_that_is_not_a_map_of_strings_is_refused_without_quoting_it()
    {
        var (registry, partners) = NewRegistry("a");
        var given = _command.File("given.json", $$"""{ "{{partners[0].Id}}": ["secret-password"] }""");

        var run = await _command.RunAsync(registry, "--passwords", given);

        Assert.Equal(1, run.Exit);
        Assert.Contains("is not a JSON object of partner ids to passwords", run.Error);
        Assert.DoesNotContain("secret-password", run.Error);
    }

    [Fact]
    public async Task The_administrator_password_may_come_from_the_environment_instead_of_a_file()
    {
        var (registry, partners) = NewRegistry("a");
        var run = await WithAdminPasswordVariable(TestBroker.AdminPassword, () => ProvisionCommand.RunRawAsync("broker", "provision",
            "--management-url", TestBroker.Management.AbsoluteUri, "--user", TestBroker.AdminUser, "--vhost", vhost.Name,
            "--registry", registry, "--write-passwords", _command.PathOf("passwords.json")));

        Assert.Equal(0, run.Exit);
        Assert.NotNull(await vhost.Api.GetAsync($"api/users/{partners[0].Id}"));
    }

    [Fact]
    public async Task Without_an_administrator_password_it_refuses()
    {
        var (registry, _) = NewRegistry("a");
        var run = await WithAdminPasswordVariable(null, () => ProvisionCommand.RunRawAsync("broker", "provision",
            "--management-url", TestBroker.Management.AbsoluteUri, "--user", TestBroker.AdminUser, "--vhost", vhost.Name,
            "--registry", registry, "--write-passwords", _command.PathOf("passwords.json")));

        Assert.Equal(1, run.Exit);
        Assert.Equal("broker provision: Give the administrator's password with --password-file FILE or in PATHWAY_BROKER_ADMIN_PASSWORD.\n", run.Error);
    }

    // Only the tests of this class read the variable, and a class's tests run one at a time.
    private static async Task<ProvisionCommand.Result> WithAdminPasswordVariable(string? value, Func<Task<ProvisionCommand.Result>> run)
    {
        var before = Environment.GetEnvironmentVariable(Pathway.Host.Cli.BrokerCommand.AdminPasswordVariable);
        Environment.SetEnvironmentVariable(Pathway.Host.Cli.BrokerCommand.AdminPasswordVariable, value);
        try
        {
            return await run();
        }
        finally
        {
            Environment.SetEnvironmentVariable(Pathway.Host.Cli.BrokerCommand.AdminPasswordVariable, before);
        }
    }

    private (string Path, IReadOnlyList<Partner> Partners) NewRegistry(params string[] names)
    {
        var json = vhost.NewRegistry(names);
        return (_command.File($"registry-{Guid.NewGuid():N}.json", json), PartnerRegistry.Parse(json, "test").All);
    }

    private async Task<string> PasswordHashAsync(string user) =>
        (await vhost.Api.GetAsync($"api/users/{user}"))!["password_hash"]!.GetValue<string>();

    private static Dictionary<string, string> ReadPasswords(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
}
