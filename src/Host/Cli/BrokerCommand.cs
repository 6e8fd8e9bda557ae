using System.CommandLine;
using Pathway.Activities.Partners;
using Pathway.Host.Broker;

namespace Pathway.Host.Cli;

/// <summary>
/// <c>broker provision</c>: declares the partners' queues, exchanges, users and permissions on RabbitMQ
/// (docs/broker.md). No password is ever taken from the command line (shell history, process list) nor printed.
/// </summary>
internal static class BrokerCommand
{
    public const string AdminPasswordVariable = "PATHWAY_BROKER_ADMIN_PASSWORD";

    public static Command Create() => new("broker", "Work with the RabbitMQ broker the partners use.")
    {
        Provision(),
    };

    private static Command Provision()
    {
        var managementUrl = new Option<string>("--management-url")
        {
            Description = "Base URL of the RabbitMQ management HTTP API, e.g. http://127.0.0.1:15672/.",
            Required = true,
        };
        var user = new Option<string>("--user") { Description = "An administrator of the broker.", Required = true };
        var passwordFile = new Option<FileInfo>("--password-file")
        {
            Description = $"File holding the administrator's password; otherwise it is read from {AdminPasswordVariable}.",
        };
        var vhost = new Option<string>("--vhost") { Description = "The vhost Pathway uses.", DefaultValueFactory = _ => "/" };
        var registry = new Option<FileInfo>("--registry")
        {
            Description = "The partner registry.",
            DefaultValueFactory = _ => new FileInfo(PartnerRegistry.DefaultPath),
        };
        var passwords = new Option<FileInfo>("--passwords")
        {
            Description = "JSON file { \"<partnerId>\": \"<password>\" } of the passwords to set.",
        };
        var writePasswords = new Option<FileInfo>("--write-passwords")
        {
            Description = "New file (mode 0600) to write the passwords of this run to, generated ones included.",
        };
        var command = new Command("provision",
            "Declare every partner's queue and exchanges and create its user with its permissions; idempotent, never deletes.")
        {
            managementUrl, user, passwordFile, vhost, registry, passwords, writePasswords,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var passwordsPath = parse.GetValue(passwords)?.FullName;
                var writePasswordsPath = parse.GetValue(writePasswords)?.FullName;
                if (passwordsPath is null && writePasswordsPath is null)
                    throw new BrokerProvisioningException(
                        "Say where partner passwords come from: --passwords FILE (passwords to set), --write-passwords FILE " +
                        "(a new file for generated ones), or both. Passwords are never printed.");

                var partners = PartnerRegistry.Load(parse.GetValue(registry)!.FullName);
                var given = passwordsPath is null ? new Dictionary<string, string>() : PartnerPasswords.Read(passwordsPath, partners);
                var name = parse.GetValue(user)!;
                using var broker = new RabbitManagement(ManagementUrl(parse.GetValue(managementUrl)!), name, AdminPassword(parse.GetValue(passwordFile)));
                var provisioner = new BrokerProvisioner(broker, parse.GetValue(vhost)!);
                foreach (var done in await provisioner.ProvisionAsync(partners, given, writePasswordsPath, cancellationToken))
                    output.WriteLine($"{done.Partner.Id}: queue {done.Partner.Queue}, user {done.User}: ok");
                if (writePasswordsPath is not null) error.WriteLine($"Passwords written to {writePasswordsPath} (readable by its owner only).");
                return 0;
            }
            catch (PartnerRegistryException exception)
            {
                error.WriteLine("broker provision: the partner registry is invalid:");
                foreach (var problem in exception.Problems) error.WriteLine(problem);
                return 1;
            }
            catch (BrokerProvisioningException exception)
            {
                error.WriteLine($"broker provision: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Uri ManagementUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new BrokerProvisioningException($"--management-url '{text}' is not an http(s) URL such as http://127.0.0.1:15672/.");

    private static string AdminPassword(FileInfo? file)
    {
        if (file is null)
            return Environment.GetEnvironmentVariable(AdminPasswordVariable) is { Length: > 0 } password
                ? password
                : throw new BrokerProvisioningException($"Give the administrator's password with --password-file FILE or in {AdminPasswordVariable}.");
        try
        {
            // A file written by `echo` ends with a newline that is not part of the password.
            return File.ReadAllText(file.FullName).TrimEnd('\r', '\n') is { Length: > 0 } password
                ? password
                : throw new BrokerProvisioningException($"The password file {file.FullName} is empty.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BrokerProvisioningException($"The password file {file.FullName} cannot be read: {exception.Message}");
        }
    }
}
