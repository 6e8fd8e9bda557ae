using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pathway.Host.Access;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Access;

/// <summary>
/// Production sign-in: the host (in the Production environment) accepts bearer tokens of its OpenID Connect
/// provider, here a real one on loopback, and takes roles from the habilitations only.
/// </summary>
public sealed class ProviderSignInTests : IAsyncLifetime
{
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();
    private TestProvider _provider = null!;
    private PathwayRun _run = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestProvider.StartAsync();
        _run = new PathwayRun(_folder, settings: new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["Pathway:Authentication:Authority"] = _provider.Authority,
            ["Pathway:Authentication:Audience"] = TestProvider.Audience,
            ["Pathway:Authentication:ClientId"] = TestProvider.ClientId,
            ["Pathway:Access:Habilitations:0:Uid"] = "camille.martin",
            ["Pathway:Access:Habilitations:0:Roles:0"] = Roles.Coordinator,
            ["Pathway:Access:Habilitations:1:Email"] = "agent@crip93.example.fr",
            ["Pathway:Access:Habilitations:1:Roles:0"] = Roles.Partner,
            ["Pathway:Access:Habilitations:1:Partner"] = "crip-93",
        });
    }

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        await _provider.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_provider_token_signs_in_with_the_roles_of_its_habilitation()
    {
        var session = await SessionAsync(_provider.Token("camille.martin"));

        Assert.Equal("camille.martin", session.GetProperty("id").GetString());
        Assert.Equal("Camille Martin", session.GetProperty("name").GetString());
        Assert.Equal([Roles.Coordinator], RolesOf(session));
    }

    [Fact]
    public async Task A_habilitation_by_email_binds_a_partner_agent_whatever_the_email_case()
    {
        var session = await SessionAsync(_provider.Token("a-uid-unknown-to-pathway", email: "Agent@CRIP93.example.fr"));

        Assert.Equal([Roles.Partner], RolesOf(session));
        Assert.Equal("crip-93", session.GetProperty("partner").GetProperty("id").GetString());
    }

    public static TheoryData<string> WrongTokens => ["wrong audience", "wrong issuer", "expired", "signed with another key", "naming no user", "not a token"];

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task A_wrong_token_is_refused(string wrong)
    {
        var token = wrong switch
        {
            "wrong audience" => _provider.Token("camille.martin", change: t => t.Audience = "another-application"),
            "wrong issuer" => _provider.Token("camille.martin", change: t => t.Issuer = "https://elsewhere.example.fr"),
            "expired" => _provider.Token("camille.martin", change: t =>
                (t.IssuedAt, t.NotBefore, t.Expires) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1))),
            "signed with another key" => _provider.Token("camille.martin", signWith: RSA.Create(2048)),
            "naming no user" => _provider.Token("camille.martin", change: t =>
                t.Subject = new ClaimsIdentity(t.Subject.Claims.Where(c => c.Type is not ("uid" or "sub")))),
            _ => "camille.martin",
        };

        var response = await Client(token).GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Roles_and_partner_in_the_providers_token_are_ignored()
    {
        var token = _provider.Token("camille.martin", change: t => t.Subject.AddClaims(
            [new Claim(PathwayClaims.Role, Roles.ProcessOwner), new Claim(PathwayClaims.Partner, "crip-93")]));

        var session = await SessionAsync(token);

        Assert.Equal([Roles.Coordinator], RolesOf(session));
        Assert.Equal(JsonValueKind.Null, session.GetProperty("partner").ValueKind);
    }

    [Fact]
    public async Task A_user_without_habilitation_has_a_session_without_roles_and_403_elsewhere_even_claiming_a_role()
    {
        var client = Client(_provider.Token("stranger", change: t => t.Subject.AddClaim(new Claim(PathwayClaims.Role, Roles.Coordinator))));

        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");
        var elsewhere = await client.GetAsync("/api/no-such-thing");

        Assert.Empty(RolesOf(session));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        foreach (var endpoint in ApiEndpoints.All(_run.Services).Where(e => e.Policies.Count > 0))
        {
            var response = await client.SendAsync(endpoint.Request());
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint} answered {(int)response.StatusCode} to a user without habilitation.");
        }
    }

    [Fact]
    public async Task The_development_sign_in_is_refused_outside_Development()
    {
        var client = _run.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user = "coordinatrice" });
        // A token shaped like the development sign-in's, signed with some key: nothing here accepts it.
        var forged = _provider.Token("coordinatrice", change: t =>
        {
            (t.Issuer, t.Audience) = (DevelopmentSignIn.Issuer, DevelopmentSignIn.Audience);
            t.SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), "HS256");
            t.Subject.AddClaim(new Claim(PathwayClaims.Role, Roles.Coordinator));
        });

        var withForged = await Client(forged).GetAsync("/api/session");

        Assert.Contains(signIn.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Unauthorized });
        Assert.Equal(HttpStatusCode.Unauthorized, withForged.StatusCode);
    }

    [Fact]
    public async Task The_web_app_is_told_the_provider_to_sign_in_with()
    {
        var options = await _run.CreateClient().GetFromJsonAsync<JsonElement>("/api/session/options");

        var oidc = options.GetProperty("oidc");
        Assert.Equal(_provider.Authority, oidc.GetProperty("authority").GetString());
        Assert.Equal(TestProvider.ClientId, oidc.GetProperty("clientId").GetString());
        Assert.Equal(SignInSettings.DefaultScope, oidc.GetProperty("scope").GetString());
        Assert.False(options.GetProperty("devSignIn").GetBoolean());
    }

    private async Task<JsonElement> SessionAsync(string token)
    {
        var response = await Client(token).GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private HttpClient Client(string token)
    {
        var client = _run.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static IReadOnlyList<string?> RolesOf(JsonElement session) =>
        session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
}
