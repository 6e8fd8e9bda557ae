using System.CommandLine;
using System.Globalization;
using Pathway.Host.Protection;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Cli;

/// <summary>
/// <c>keys generate [--key-id ID] [--encryption-key-only] [--format json|env]</c>: prints fresh protection keys
/// for the <c>Pathway:Protection</c> configuration section (docs/protection.md). The keys go to standard output
/// only: never to a log, never to a file.
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
        var format = new Option<string>("--format")
        {
            Description = "json: a settings file; env: environment variables (Pathway__Protection__…=…), one a line.",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "env");
        var command = new Command("generate", "Print fresh keys for Pathway:Protection on standard output.")
        {
            keyId,
            encryptionKeyOnly,
            format,
        };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(keyId)!;
            if (!PersonalDataProtector.IsValidKeyId(id))
            {
                parse.InvocationConfiguration.Error.WriteLine("--key-id may hold only letters, digits, '-', '_' and '.'.");
                return 1;
            }

            var settings = ProtectionKeys.Generate(id, parse.GetValue(encryptionKeyOnly));
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(format) == "env"
                ? string.Join(Environment.NewLine, settings.Select(s => s.Key.Replace(":", "__", StringComparison.Ordinal) + "=" + s.Value))
                : ProtectionKeys.ToJson(settings));
            parse.InvocationConfiguration.Error.WriteLine(parse.GetValue(encryptionKeyOnly)
                ? $"Add Keys:{id} beside the keys already configured, on every host, before making it CurrentKey; keep every old key (docs/protection.md)."
                : "Store these keys in the host's secret configuration, never in the repository. Losing an encryption key loses the data it encrypted.");
            return 0;
        });
        return command;
    }
}
