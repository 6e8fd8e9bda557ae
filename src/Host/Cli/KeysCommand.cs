using System.CommandLine;
using System.Globalization;
using Pathway.Host.Protection;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Cli;

/// <summary>
/// <c>keys generate [--key-id ID] [--encryption-key-only]</c>: prints fresh protection keys as a JSON block for
/// the <c>Pathway:Protection</c> configuration section (docs/protection.md). The keys go to standard output
/// only: never to a log, never to a file the host would create.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Work with the keys that protect personal data.")
    {
        Generate(),
    };

    private static Command Generate()
    {
        var keyId = new Option<string>("--key-id")
        {
            Description = "Id of the new encryption key, written beside every value it encrypts; by default k and today's date (UTC).",
            DefaultValueFactory = _ => "k" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        };
        var encryptionKeyOnly = new Option<bool>("--encryption-key-only")
        {
            Description = "Only a new encryption key and CurrentKey, to add beside the configured keys when rotating "
                + "(the index and pseudonym keys must stay as they are).",
        };
        var command = new Command("generate", "Print fresh keys for Pathway:Protection as JSON on standard output.")
        {
            keyId,
            encryptionKeyOnly,
        };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(keyId)!;
            if (!PersonalDataProtector.IsValidKeyId(id))
            {
                parse.InvocationConfiguration.Error.WriteLine("--key-id may hold only letters, digits, '-', '_' and '.'.");
                return 1;
            }

            parse.InvocationConfiguration.Output.WriteLine(ProtectionKeys.Generate(id, parse.GetValue(encryptionKeyOnly)));
            parse.InvocationConfiguration.Error.WriteLine(parse.GetValue(encryptionKeyOnly)
                ? $"Add Keys:{id} beside the keys already configured and set CurrentKey to {id}; keep every old key (docs/protection.md)."
                : "Store these keys in the host's secret configuration, never in the repository. Losing an encryption key loses the data it encrypted.");
            return 0;
        });
        return command;
    }
}
