using Microsoft.Extensions.Configuration;
using Pathway.Host.Access;
using Pathway.Host.Setup;

namespace Pathway.Host.Tests.Access;

/// <summary>The provider's settings (<c>Pathway:Authentication</c>).</summary>
public sealed class SignInSettingsTests
{
    [Fact]
    public void Without_an_authority_there_is_no_provider()
    {
        Assert.Null(SignInSettings.Read(Configuration()));
    }

    [Fact]
    public void The_audience_is_the_client_id_unless_given_and_metadata_needs_https()
    {
        var settings = SignInSettings.Read(Configuration(("Authority", "https://auth.example.gouv.fr/realms/pathway/"), ("ClientId", "pathway-web")))!;

        Assert.Equal("https://auth.example.gouv.fr/realms/pathway", settings.Authority);
        Assert.Equal("pathway-web", settings.Audience);
        Assert.True(settings.RequireHttpsMetadata);
        Assert.Equal(new OidcOptions("https://auth.example.gouv.fr/realms/pathway", "pathway-web", SignInSettings.DefaultScope), settings.ForWebApp());
    }

    [Fact]
    public void A_provider_on_loopback_may_serve_its_metadata_over_http()
    {
        var settings = SignInSettings.Read(Configuration(("Authority", "http://127.0.0.1:8080"), ("Audience", "pathway-api")))!;

        Assert.False(settings.RequireHttpsMetadata);
        Assert.Null(settings.ForWebApp());
    }

    public static TheoryData<string, string?, string> Wrong => new()
    {
        { "https://auth.example.gouv.fr", null, "Pathway:Authentication:Audience (or Pathway:Authentication:ClientId) is required with Pathway:Authentication:Authority" },
        { "http://auth.example.gouv.fr", "pathway-api", "Pathway:Authentication:Authority must use https" },
        { "auth.example.gouv.fr", "pathway-api", "Pathway:Authentication:Authority is 'auth.example.gouv.fr': give the provider's issuer URL" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Incomplete_or_unsafe_settings_refuse_the_start(string authority, string? audience, string message)
    {
        var refused = Assert.Throws<PathwayStartupException>(() => SignInSettings.Read(Configuration(("Authority", authority), ("Audience", audience))));

        Assert.StartsWith(message, refused.Message);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s =>
            new KeyValuePair<string, string?>(SignInSettings.Section + ":" + s.Key, s.Value))).Build();
}
