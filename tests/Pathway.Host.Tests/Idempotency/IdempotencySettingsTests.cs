using Microsoft.Extensions.Configuration;
using Pathway.Host.Api.Idempotency;
using Pathway.Host.Setup;

namespace Pathway.Host.Tests.Idempotency;

/// <summary>How long answers are kept is a setting; the crash test's hook cannot be turned on outside Development.</summary>
public sealed class IdempotencySettingsTests
{
    [Fact]
    public void Answers_are_kept_seven_days_unless_the_retention_says_otherwise()
    {
        Assert.Equal(TimeSpan.FromDays(7), Read([]).Retention);
        Assert.Equal(TimeSpan.FromDays(2), Read([("Pathway:Idempotency:Retention", "P2D")]).Retention);
        Assert.Equal(TimeSpan.FromHours(36), Read([("Pathway:Idempotency:Retention", "PT36H")]).Retention);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("P0D")]
    [InlineData("-P1D")]
    [InlineData("une semaine")]
    public void A_retention_that_is_not_a_positive_ISO_8601_duration_is_refused_naming_the_setting(string retention)
    {
        var refused = Assert.Throws<PathwayStartupException>(() => Read([("Pathway:Idempotency:Retention", retention)]));

        Assert.Contains("Pathway:Idempotency:Retention", refused.Message);
    }

    [Fact]
    public void The_crash_tests_hook_is_read_in_Development_only()
    {
        (string, string)[] hook = [("Pathway:Testing:KillAfterIdempotentCommit", "true")];

        Assert.True(Read(hook, development: true).KillAfterCommit);
        Assert.False(Read(hook, development: false).KillAfterCommit);
        Assert.False(Read([], development: true).KillAfterCommit);
    }

    private static IdempotencySettings Read((string Key, string Value)[] settings, bool development = false) =>
        IdempotencySettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), development);
}
