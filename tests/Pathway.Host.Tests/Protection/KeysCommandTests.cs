using System.Text;
using Microsoft.Extensions.Configuration;
using Pathway.Host.Cli;
using Pathway.Host.Protection;

namespace Pathway.Host.Tests.Protection;

/// <summary><c>keys generate</c>: fresh keys, as JSON for <c>Pathway:Protection</c>, on standard output only.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task Generate_prints_a_configuration_the_host_accepts()
    {
        var (exit, output, error) = await RunAsync("keys", "generate", "--key-id", "k2027");

        Assert.Equal(0, exit);
        var keys = Read(output);
        Assert.Equal("k2027", keys.CurrentKey);
        Assert.Equal(["k2027"], keys.Keys.Keys);
        Assert.NotEqual(keys.IndexKey, keys.PseudonymKey);
        Assert.DoesNotContain(Convert.ToBase64String(keys.Current), error);
    }

    [Fact]
    public async Task Each_generation_makes_new_keys()
    {
        var first = Read((await RunAsync("keys", "generate")).Output);
        var second = Read((await RunAsync("keys", "generate")).Output);

        Assert.NotEqual(first.Current, second.Current);
        Assert.NotEqual(first.IndexKey, second.IndexKey);
    }

    [Fact]
    public async Task For_a_rotation_only_a_new_encryption_key_is_printed_and_it_becomes_current_beside_the_old_ones()
    {
        var installed = (await RunAsync("keys", "generate", "--key-id", "k1")).Output;

        var (exit, output, _) = await RunAsync("keys", "generate", "--key-id", "k2", "--encryption-key-only");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("IndexKey", output);
        Assert.DoesNotContain("PseudonymKey", output);
        // Added over the installed configuration, as a second settings file would be.
        var rotated = ProtectionKeys.Read(new ConfigurationBuilder().AddJsonStream(Stream(installed)).AddJsonStream(Stream(output)).Build(),
            development: false, "");
        Assert.Equal("k2", rotated.CurrentKey);
        Assert.Equal(["k1", "k2"], rotated.Keys.Keys.Order());
        Assert.Equal(Read(installed).IndexKey, rotated.IndexKey);
    }

    [Fact]
    public async Task As_environment_variables_the_keys_read_as_the_same_configuration()
    {
        var (exit, output, _) = await RunAsync("keys", "generate", "--key-id", "k1", "--format", "env");

        Assert.Equal(0, exit);
        var variables = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(v => v[0].Replace("__", ":", StringComparison.Ordinal), v => (string?)v[1]);
        Assert.Equal(["Pathway:Protection:CurrentKey", "Pathway:Protection:IndexKey", "Pathway:Protection:Keys:k1", "Pathway:Protection:PseudonymKey"],
            variables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("k1", ProtectionKeys.Read(new ConfigurationBuilder().AddInMemoryCollection(variables).Build(), development: false, "").CurrentKey);
    }

    [Fact]
    public async Task A_key_id_the_stored_form_cannot_carry_is_refused()
    {
        var (exit, output, error) = await RunAsync("keys", "generate", "--key-id", "k:1");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("--key-id", error);
    }

    private static ProtectionKeys Read(string json) =>
        ProtectionKeys.Read(new ConfigurationBuilder().AddJsonStream(Stream(json)).Build(), development: false, "");

    private static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
