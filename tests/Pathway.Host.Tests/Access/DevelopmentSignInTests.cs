using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Access;

/// <summary>The embedded default's sign-in: a seeded user per role, only in the Development environment.</summary>
public sealed class DevelopmentSignInTests
{
    [Fact]
    public async Task A_seeded_user_signs_in_and_the_session_says_who_and_what_role()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);

        var client = await run.ClientAsAsync("coordinatrice");
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");

        Assert.Equal("Camille Martin", session.GetProperty("name").GetString());
        Assert.Equal(["coordinator"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_partner_agent_is_bound_to_its_partner()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);

        var client = await run.ClientAsAsync("partenaire-crip-93");
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session");

        Assert.Equal("crip-93", session.GetProperty("partner").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);

        var response = await run.CreateClient().GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_is_refused_with_a_message()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);

        var response = await run.CreateClient().PostAsJsonAsync("/api/session/dev-sign-in", new { user = "personne" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Utilisateur inconnu", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outside_Development_there_is_no_development_sign_in()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder, settings: new Dictionary<string, string> { ["environment"] = "Production" });

        var client = run.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user = "coordinatrice" });
        var options = await client.GetFromJsonAsync<JsonElement>("/api/session/options");

        // Not mapped: like any unknown path, refused (401 before routing says 404, as the fallback policy wants a user).
        Assert.Contains(signIn.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Unauthorized });
        Assert.False(options.GetProperty("devSignIn").GetBoolean());
        Assert.Empty(options.GetProperty("users").EnumerateArray());
    }

    [Theory]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2ln.extra.part")]
    [InlineData("pas-un-jeton")]
    public async Task A_malformed_token_is_a_401_on_the_api_and_leaves_anonymous_endpoints_answering(string token)
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        var client = run.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var session = await client.GetAsync("/api/session");
        var live = await client.GetAsync("/health/live");
        var options = await client.GetAsync("/api/session/options");

        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal("application/problem+json", session.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Connexion requise", (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.DoesNotContain(run.Log.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
