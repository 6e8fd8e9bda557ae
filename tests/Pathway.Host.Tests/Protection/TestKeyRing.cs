using Pathway.Host.Protection;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Protection;

/// <summary>The key ring of the hosts the tests start (<see cref="TestKeys"/>), for tests that open their databases themselves.</summary>
internal static class TestKeyRing
{
    public static PersonalDataProtector Protector { get; } =
        ProtectionKeys.Read(new ConfigurationBuilder().AddInMemoryCollection(TestKeys.Settings!).Build(), development: false, "").Protector;
}
