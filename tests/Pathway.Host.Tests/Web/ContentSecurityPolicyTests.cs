using Pathway.Host.Web;

namespace Pathway.Host.Tests.Web;

/// <summary>What the web app may load: its own host, and the OpenID Connect provider when sign-in goes through one.</summary>
public sealed class ContentSecurityPolicyTests
{
    [Fact]
    public void Without_a_provider_everything_comes_from_the_host()
    {
        var policy = ContentSecurityPolicy.For((Uri?)null);

        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("connect-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public void The_provider_may_be_reached_for_its_discovery_document_and_tokens_but_runs_no_script()
    {
        var policy = ContentSecurityPolicy.For(new Uri("https://auth.agentconnect.gouv.fr/api/v2"));

        Assert.Contains("connect-src 'self' https://auth.agentconnect.gouv.fr;", policy);
        Assert.Contains("form-action 'self' https://auth.agentconnect.gouv.fr;", policy);
        Assert.Contains("script-src 'self';", policy);
    }
}
