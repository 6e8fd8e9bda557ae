using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Pathway.Host.Api;
using Pathway.Host.Setup;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Records;

namespace Pathway.Host.Tests.Api;

/// <summary>
/// Sign-in and intake are rate limited: past the limit a caller gets a 429 with <c>Retry-After</c> and nothing is done.
/// The limits here are tiny with a window of an hour, so that the request past the limit is refused whatever the pace.
/// </summary>
public sealed class RateLimitTests
{
    private static readonly Dictionary<string, string> TwoPerHour = new()
    {
        ["Pathway:RateLimits:SignIn:PermitLimit"] = "2",
        ["Pathway:RateLimits:SignIn:Window"] = "01:00:00",
        ["Pathway:RateLimits:Intake:PermitLimit"] = "2",
        ["Pathway:RateLimits:Intake:Window"] = "01:00:00",
    };

    [Fact]
    public async Task A_user_past_the_intake_limit_gets_429_with_Retry_After_and_opens_no_file_while_another_user_still_can()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder, settings: new Dictionary<string, string>(TwoPerHour)
        {
            ["Pathway:RateLimits:SignIn:PermitLimit"] = "100",
        });
        var desk = await run.ClientAsAsync("accueil");
        var coordinator = await run.ClientAsAsync("coordinatrice");
        await Intakes.OpenAsync(desk, Intakes.Valid(givenName: "Aurèle"));
        await Intakes.OpenAsync(desk, Intakes.Valid(givenName: "Bastienne"));

        var third = await desk.PostAsJsonAsync("/api/intake", Intakes.Valid(givenName: "Cyprienne"));
        var other = await coordinator.PostAsJsonAsync("/api/intake", Intakes.Valid(givenName: "Dorothée"));

        await AssertTooManyAsync(third);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(3, (await coordinator.GetJsonAsync("/api/files")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_client_past_the_sign_in_limit_gets_429_with_Retry_After()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder, settings: TwoPerHour);
        var client = run.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user = "coordinatrice" })).StatusCode);

        var third = await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user = "coordinatrice" });

        await AssertTooManyAsync(third);
    }

    [Fact]
    public void By_default_ten_sign_ins_per_client_and_ten_intakes_per_user_are_allowed_each_minute()
    {
        var settings = RateLimitSettings.Read(new ConfigurationBuilder().Build());

        Assert.Equal(new RateLimit(10, TimeSpan.FromMinutes(1)), settings.SignIn);
        Assert.Equal(new RateLimit(10, TimeSpan.FromMinutes(1)), settings.Intake);
    }

    [Theory]
    [InlineData("Intake:PermitLimit", "0", "Pathway:RateLimits:Intake:PermitLimit is '0': give a number of requests, 1 or more.")]
    [InlineData("SignIn:Window", "une minute", "Pathway:RateLimits:SignIn:Window is 'une minute': give a duration such as 00:01:00 (one minute).")]
    public void A_wrong_limit_is_named(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pathway:RateLimits:" + key] = value }).Build();

        var refusal = Assert.Throws<PathwayStartupException>(() => RateLimitSettings.Read(configuration));

        Assert.Equal(message, refusal.Message);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Trop de demandes", problem.GetProperty("title").GetString());
        Assert.Contains("n'a pas été effectuée", problem.GetProperty("detail").GetString());
    }
}
