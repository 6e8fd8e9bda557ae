using System.Text.Json;
using System.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web;

/// <summary>
/// Sign-in with an OpenID Connect provider, as outside Development: the web app starts the authorization-code
/// flow with PKCE. The provider is played by the browser's request routing (its discovery document, its
/// authorization endpoint), and so are the sign-in options a host with a provider gives.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ProviderSignInTests(WebAppRig rig, ITestOutputHelper output)
{
    private const string Authority = "https://connexion.example.invalid/api/v2";

    [Fact]
    public async Task The_provider_button_sends_the_browser_to_authorize_with_a_code_challenge()
    {
        var page = await rig.NewPageAsync();
        await page.RouteAsync("**/api/session/options", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { devSignIn = false, users = Array.Empty<object>(), oidc = new { authority = Authority, clientId = "pathway-web", scope = "openid uid" } }),
        }));
        await page.RouteAsync(Authority + "/.well-known/openid-configuration", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
            Body = JsonSerializer.Serialize(new
            {
                issuer = Authority, authorization_endpoint = Authority + "/authorize", token_endpoint = Authority + "/token",
                jwks_uri = Authority + "/jwks", response_types_supported = new[] { "code" },
            }),
        }));
        var authorize = new TaskCompletionSource<Uri>();
        await page.RouteAsync(Authority + "/authorize**", route =>
        {
            authorize.TrySetResult(new Uri(route.Request.Url));
            return route.FulfillAsync(new() { ContentType = "text/html", Body = "<html lang=\"fr\"><title>Fournisseur</title></html>" });
        });

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de développement" })).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, output);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter avec ProConnect" }).ClickAsync();

        var query = HttpUtility.ParseQueryString((await authorize.Task.WaitAsync(TimeSpan.FromSeconds(15))).Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("pathway-web", query["client_id"]);
        Assert.Equal(new Uri(rig.Host.BaseAddress, "/connexion/retour").ToString(), query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
    }
}
