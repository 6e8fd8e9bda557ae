using System.Security.Cryptography;

namespace Pathway.Host.Tests.Infrastructure;

/// <summary>Protection keys for the hosts tests start, made anew for each test run (none is ever committed).</summary>
internal static class TestKeys
{
    private static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Pathway:Protection:Keys:test1"] = New(),
        ["Pathway:Protection:CurrentKey"] = "test1",
        ["Pathway:Protection:IndexKey"] = New(),
        ["Pathway:Protection:PseudonymKey"] = New(),
    };
}
