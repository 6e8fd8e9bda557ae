using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;

namespace Pathway.Activities.Partners;

/// <summary>
/// Reads <c>partners.json</c> by hand rather than through a serializer, so that every problem gets the JSON
/// Pointer of the value at fault and one read reports them all.
/// </summary>
internal static partial class PartnerRegistryReader
{
    public sealed record Problem(string Pointer, string Message);

    // RabbitMQ caps names at 255 bytes.
    private const int MaxNameBytes = 255;

    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly string[] RootProperties = ["partners"];
    private static readonly string[] PartnerProperties = ["id", "name", "role", "queue", "contact"];
    private static readonly string[] ContactProperties = ["service", "email", "phone"];

    public static (IReadOnlyList<Partner> Partners, IReadOnlyList<Problem> Problems) Read(string json)
    {
        var problems = new List<Problem>();
        try
        {
            using var document = JsonDocument.Parse(json, Strict);
            var partners = ReadRoot(document.RootElement, problems);
            return (partners, problems);
        }
        catch (JsonException exception)
        {
            return ([], [Malformed(exception)]);
        }
    }

    private static List<Partner> ReadRoot(JsonElement root, List<Problem> problems)
    {
        if (!IsObject(root, "", problems, RootProperties)) return [];
        if (!root.TryGetProperty("partners", out var list)) return [];
        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("/partners", "Must be an array of partners."));
            return [];
        }

        var partners = new List<Partner>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var queues = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var pointer = $"/partners/{index++}";
            var before = problems.Count;
            var partner = ReadPartner(element, pointer, problems);
            if (partner is null || problems.Count > before) continue;
            // A shared id would make answers ambiguous; a shared queue would let one partner read another's tasks.
            if (ids.TryGetValue(partner.Id, out var first))
                problems.Add(new($"{pointer}/id", $"Partner id '{partner.Id}' is already used at {first}."));
            else if (queues.TryGetValue(partner.Queue, out var owner))
                problems.Add(new($"{pointer}/queue", $"Queue '{partner.Queue}' is already the queue of the partner at {owner}."));
            else
            {
                ids.Add(partner.Id, pointer);
                queues.Add(partner.Queue, pointer);
                partners.Add(partner);
            }
        }

        return partners;
    }

    private static Partner? ReadPartner(JsonElement element, string pointer, List<Problem> problems)
    {
        if (!IsObject(element, pointer, problems, PartnerProperties)) return null;
        var id = Text(element, "id", pointer, problems);
        var name = Text(element, "name", pointer, problems);
        var role = Text(element, "role", pointer, problems);
        var queue = Text(element, "queue", pointer, problems);
        var contact = element.TryGetProperty("contact", out var contactElement)
            ? ReadContact(contactElement, $"{pointer}/contact", problems)
            : null;

        if (id is not null && !IdRules.IsDefinitionId(id))
            problems.Add(new($"{pointer}/id", $"'{id}' is not a well-formed partner id: use {IdRules.DefinitionIdRule}."));
        if (name is not null && name.Trim().Length == 0)
            problems.Add(new($"{pointer}/name", "Must not be empty."));
        if (role is not null && !IdRules.IsDefinitionId(role))
            problems.Add(new($"{pointer}/role", role.Length == 0
                ? "Must not be empty."
                : $"'{role}' is not a well-formed role: use {IdRules.DefinitionIdRule}."));
        if (queue is not null && QueueProblem(queue) is { } queueProblem)
            problems.Add(new($"{pointer}/queue", queueProblem));

        return id is null || name is null || role is null || queue is null || contact is null
            ? null
            : new Partner(id, name, role, queue, contact);
    }

    private static PartnerContact? ReadContact(JsonElement element, string pointer, List<Problem> problems)
    {
        if (!IsObject(element, pointer, problems, ContactProperties)) return null;
        var service = Text(element, "service", pointer, problems);
        var email = Text(element, "email", pointer, problems);
        var phone = Text(element, "phone", pointer, problems);
        if (service is not null && service.Trim().Length == 0)
            problems.Add(new($"{pointer}/service", "Must not be empty."));
        if (email is not null && !Email().IsMatch(email))
            problems.Add(new($"{pointer}/email", $"'{email}' is not an e-mail address."));
        return service is null || email is null || phone is null ? null : new PartnerContact(service, email, phone);
    }

    /// <summary>
    /// Partner queues live under <see cref="BrokerNames.PartnerQueuePrefix"/>: a partner's read permission is
    /// derived from its queue name, so a queue elsewhere could hand it the engine's own queues.
    /// </summary>
    private static string? QueueProblem(string queue)
    {
        if (!queue.StartsWith(BrokerNames.PartnerQueuePrefix, StringComparison.Ordinal) || !QueueName().IsMatch(queue))
            return $"'{queue}' is not a partner queue name: use '{BrokerNames.PartnerQueuePrefix}' followed by lower-case letters, digits, '-' and '.', " +
                   $"such as '{BrokerNames.DefaultQueueOf("crip-93")}'.";
        if (Encoding.UTF8.GetByteCount(queue) > MaxNameBytes)
            return $"Must be at most {MaxNameBytes} bytes long (RabbitMQ's limit).";
        return null;
    }

    private static bool IsObject(JsonElement element, string pointer, List<Problem> problems, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(pointer, "Must be an object."));
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                problems.Add(new($"{pointer}/{Pointer.Escape(property.Name)}",
                    $"Unknown property '{property.Name}'; expected: {string.Join(", ", known)}."));
        }

        foreach (var name in known)
        {
            if (!element.TryGetProperty(name, out _))
                problems.Add(new(pointer, $"Property '{name}' is required."));
        }

        return true;
    }

    /// <summary>The string value of a property; null (with a problem) when it is not a string, null when absent.</summary>
    private static string? Text(JsonElement element, string name, string pointer, List<Problem> problems)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
        problems.Add(new($"{pointer}/{name}", "Must be a string."));
        return null;
    }

    private static Problem Malformed(JsonException exception)
    {
        // The reader's message ends with its own zero-based "LineNumber: … | BytePositionInLine: …"; say it one-based.
        var reason = exception.Message;
        var suffix = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0) reason = reason[..suffix];
        var where = exception.LineNumber is { } line
            ? $" (line {line + 1}, position {exception.BytePositionInLine.GetValueOrDefault() + 1})"
            : "";
        return new Problem("", $"The file is not valid JSON{where}: {reason.Trim().TrimEnd('.')}.");
    }

    [GeneratedRegex(@"^pathway\.partner\.[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex QueueName();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
