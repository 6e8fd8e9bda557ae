using System.Xml;
using Pathway.Host.Setup;

namespace Pathway.Host.Api.Idempotency;

/// <summary>The <c>Pathway:Idempotency</c> section: how long the answer to a keyed request is kept.</summary>
internal sealed class IdempotencySettings(TimeSpan retention, bool killAfterCommit)
{
    private const string RetentionKey = PathwaySettings.Section + ":Idempotency:Retention";

    /// <summary>
    /// For the crash test only (tests/Pathway.Host.Tests/Idempotency): the host kills itself (SIGKILL) right after a
    /// keyed request committed, before answering, as a host that dies at the worst moment. Read in Development only.
    /// </summary>
    private const string KillAfterCommitKey = PathwaySettings.Section + ":Testing:KillAfterIdempotentCommit";

    /// <summary>A week: retries come within minutes, or within hours after an outage; days leave ample room.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    public TimeSpan Retention { get; } = retention;

    public bool KillAfterCommit { get; } = killAfterCommit;

    /// <exception cref="PathwayStartupException">The retention is not a positive ISO 8601 duration.</exception>
    public static IdempotencySettings Read(IConfiguration configuration, bool development)
    {
        var retention = DefaultRetention;
        if (configuration[RetentionKey] is { Length: > 0 } text)
        {
            try
            {
                retention = XmlConvert.ToTimeSpan(text.Trim());
            }
            catch (FormatException)
            {
                retention = TimeSpan.Zero;
            }

            if (retention <= TimeSpan.Zero)
                throw new PathwayStartupException($"{RetentionKey} is '{text}': give a positive ISO 8601 duration, e.g. P7D.");
        }

        return new IdempotencySettings(retention, development && configuration.GetValue<bool>(KillAfterCommitKey));
    }
}
