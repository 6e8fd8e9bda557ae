namespace Pathway.Host.Tests.Infrastructure;

/// <summary>
/// Rate limits the hosts tests start: far above what a test does, since a test signs in once per user it plays and
/// may open dozens of files in a second. Tests of the limits themselves set small ones (they come later and win).
/// </summary>
internal static class TestLimits
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Pathway:RateLimits:SignIn:PermitLimit"] = "100000",
        ["Pathway:RateLimits:Intake:PermitLimit"] = "100000",
    };
}
