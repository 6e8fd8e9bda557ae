using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Protection;

/// <summary>
/// The keys that protect personal data, read from configuration (<c>Pathway:Protection</c>), never committed:
/// <list type="bullet">
/// <item><c>Keys:&lt;id&gt;</c> (base64, 32 bytes) encrypt data at rest; <c>CurrentKey</c> names the one new data is
/// encrypted with; older ones stay to decrypt what they encrypted (rotation).</item>
/// <item><c>IndexKey</c>: the blind index of identities (duplicates).</item>
/// <item><c>PseudonymKey</c>: the Observatoire's pseudonyms.</item>
/// </list>
/// In Development, when none is configured, keys are generated once into <c>pathway-keys.json</c> beside the
/// SQLite database (the <c>data/</c> folder, ignored by git), readable by its owner only. Anywhere else a missing
/// key refuses the start.
/// </summary>
public sealed record ProtectionKeys(IReadOnlyDictionary<string, byte[]> Keys, string CurrentKey, byte[] IndexKey, byte[] PseudonymKey)
{
    public const string Section = "Pathway:Protection";

    public const int KeyBytes = 32;

    public byte[] Current => Keys[CurrentKey];

    /// <summary>The encryption keys as the engine's key ring: the database encrypts its personal data with it.</summary>
    public PersonalDataProtector Protector { get; } = new(Keys, CurrentKey);

    /// <exception cref="Setup.PathwayStartupException">A key is missing or malformed.</exception>
    public static ProtectionKeys Read(IConfiguration configuration, bool development, string developmentFolder)
    {
        var section = configuration.GetSection(Section);
        if (!section.GetSection("Keys").GetChildren().Any() && development)
            section = DevelopmentKeys(developmentFolder).GetSection(Section);

        var keys = section.GetSection("Keys").GetChildren().ToDictionary(k => k.Key, k => Decode(k.Path, k.Value));
        if (keys.Count == 0)
            throw new Setup.PathwayStartupException(
                $"{Section}:Keys is not configured: personal data cannot be encrypted. Set {Section}:Keys:<id> (base64, {KeyBytes} bytes), " +
                $"{Section}:CurrentKey, {Section}:IndexKey and {Section}:PseudonymKey (see docs/protection.md).");
        var current = section["CurrentKey"] ?? (keys.Count == 1 ? keys.Keys.Single() : null);
        if (current is null || !keys.ContainsKey(current))
            throw new Setup.PathwayStartupException($"{Section}:CurrentKey must name one of {Section}:Keys.");
        var (index, pseudonym) = (Decode($"{Section}:IndexKey", section["IndexKey"]), Decode($"{Section}:PseudonymKey", section["PseudonymKey"]));
        try
        {
            return new ProtectionKeys(keys, current, index, pseudonym);
        }
        catch (ArgumentException exception)
        {
            // A key id the stored form cannot carry (it is written beside each encrypted value).
            throw new Setup.PathwayStartupException($"{Section}:Keys: {exception.Message}");
        }
    }

    private static byte[] Decode(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new Setup.PathwayStartupException($"{name} is not configured (base64, {KeyBytes} bytes; see docs/protection.md).");
        try
        {
            var bytes = Convert.FromBase64String(value);
            if (bytes.Length == KeyBytes) return bytes;
        }
        catch (FormatException)
        {
        }

        throw new Setup.PathwayStartupException($"{name} must be {KeyBytes} bytes in base64.");
    }

    /// <summary>
    /// Fresh settings for <c>Pathway:Protection</c>, every key new, as configuration keys and values: for a new
    /// installation (the <c>keys generate</c> verb) and the development keys. With
    /// <paramref name="encryptionKeyOnly"/>, only a new encryption key named <paramref name="keyId"/> and
    /// <c>CurrentKey</c>, to add beside the existing keys when rotating: the index and pseudonym keys must never
    /// change (duplicates would no longer be found, and pseudonyms would change from one yearly export to the next).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Generate(string keyId, bool encryptionKeyOnly = false)
    {
        static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));
        List<KeyValuePair<string, string>> settings = [new($"{Section}:Keys:{keyId}", New()), new($"{Section}:CurrentKey", keyId)];
        if (!encryptionKeyOnly)
        {
            settings.Add(new($"{Section}:IndexKey", New()));
            settings.Add(new($"{Section}:PseudonymKey", New()));
        }

        return settings;
    }

    /// <summary>Settings as a JSON settings file: nested objects, base64 written as is (not <c>\u002B</c>).</summary>
    public static string ToJson(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            node[parts[^1]] = value;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Development keys, generated once and kept (a new key would make the data already written unreadable).</summary>
    private static IConfiguration DevelopmentKeys(string folder)
    {
        var file = Path.Combine(folder, "pathway-keys.json");
        if (!File.Exists(file))
        {
            OwnerOnlyFiles.CreateFolder(folder);
            using (var stream = new FileStream(file, OwnerOnlyFiles.CreateNew()))
            using (var writer = new StreamWriter(stream))
                writer.Write(ToJson(Generate("dev1")));
        }

        // Readable by its owner only, like the database it opens, also when an earlier release wrote it otherwise.
        OwnerOnlyFiles.Tighten(file);

        return new ConfigurationBuilder().AddJsonFile(file, optional: false).Build();
    }
}
