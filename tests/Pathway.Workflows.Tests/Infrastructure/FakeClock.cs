using NodaTime;

namespace Pathway.Workflows.Tests.Infrastructure;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;

    public void Advance(Duration duration) => Now += duration;
}
