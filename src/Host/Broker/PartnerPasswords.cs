using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Pathway.Activities.Partners;

namespace Pathway.Host.Broker;

/// <summary>
/// The partners' broker passwords as files: <c>{ "&lt;partnerId&gt;": "&lt;password&gt;" }</c>, read with
/// <c>--passwords</c>, written with <c>--write-passwords</c>. A written file is created readable by its owner
/// only and never replaces an existing one: it may be the only copy of passwords already set on the broker.
/// </summary>
internal static class PartnerPasswords
{
    private const int GeneratedBytes = 32;

    private static readonly JsonSerializerOptions Strict = new() { AllowDuplicateProperties = false };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>32 random bytes, base64url (43 characters): nothing to escape in a URI or a configuration file.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(GeneratedBytes));

    /// <exception cref="BrokerProvisioningException">The file cannot be read, is not a map of strings, or names an unknown partner.</exception>
    public static IReadOnlyDictionary<string, string> Read(string path, PartnerRegistry registry)
    {
        Dictionary<string, string>? passwords;
        try
        {
            passwords = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path), Strict);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BrokerProvisioningException($"The passwords file {path} cannot be read: {exception.Message}");
        }
        catch (JsonException)
        {
            // The reader's message could quote the file, that is a password: say only where it is.
            throw new BrokerProvisioningException(
                $"The passwords file {path} is not a JSON object of partner ids to passwords (strings), each id once.");
        }

        if (passwords is null)
            throw new BrokerProvisioningException($"The passwords file {path} is not a JSON object of partner ids to passwords.");
        var unknown = passwords.Keys.Where(id => !registry.Exists(id)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new BrokerProvisioningException(
                $"The passwords file {path} names partners the registry does not have: {string.Join(", ", unknown)}.");
        var empty = passwords.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (empty.Count > 0)
            throw new BrokerProvisioningException($"The passwords file {path} has an empty password for: {string.Join(", ", empty)}.");
        return passwords;
    }

    /// <summary>Refuses early, before anything changes on the broker, when the file to write already exists.</summary>
    public static void EnsureWritable(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
            throw new BrokerProvisioningException($"{path} already exists: give --write-passwords a new file, it never overwrites one.");
    }

    /// <summary>Creates the file, mode 0600, with the passwords in registry order.</summary>
    public static void WriteNew(string path, IReadOnlyDictionary<string, string> passwords, PartnerRegistry registry)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        // Created with its final mode: never readable by others, not even for a moment.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var ordered = registry.Ids.Where(passwords.ContainsKey).ToDictionary(id => id, id => passwords[id]);
        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BrokerProvisioningException(File.Exists(path)
                ? $"{path} already exists: give --write-passwords a new file, it never overwrites one."
                : $"{path} cannot be created: {exception.Message}");
        }

        using (stream) JsonSerializer.Serialize(stream, ordered, Indented);
    }
}
