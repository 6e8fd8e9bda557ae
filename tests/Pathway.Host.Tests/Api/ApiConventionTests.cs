using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pathway.Host.Access;
using Pathway.Host.Api;
using Pathway.Host.Tests.Access;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Records;

namespace Pathway.Host.Tests.Api;

/// <summary>
/// Whatever is wrong with a request, the API answers a 4xx ProblemDetails with a French title, never a 500 or an
/// empty body. Each kind of bad request is sent to every endpoint it applies to, so later endpoints are covered.
/// </summary>
public sealed class ApiConventionTests : IAsyncLifetime
{
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();
    private PathwayRun _run = null!;

    public Task InitializeAsync()
    {
        _run = new PathwayRun(_folder);
        _run.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        _folder.Dispose();
    }

    public static TheoryData<string> BadBodies =>
        ["malformed JSON", "wrong content type", "too large", "invalid UTF-8", "lone surrogate", "duplicate names", "duplicate names, nested"];

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_a_4xx_problem_on_every_endpoint_that_reads_one(string bad)
    {
        var endpoints = JsonBodyEndpoints();
        Assert.NotEmpty(endpoints);

        foreach (var endpoint in endpoints)
        {
            var client = await CallerOfAsync(endpoint);
            var request = endpoint.Request();
            request.Content = bad switch
            {
                "malformed JSON" => new StringContent("""{ "user": "coordinatrice", """, Encoding.UTF8, "application/json"),
                "wrong content type" => new StringContent("user=coordinatrice", Encoding.UTF8, "application/x-www-form-urlencoded"),
                "too large" => new StringContent($$"""{ "padding": "{{new string('x', (int)LimitOf(endpoint))}}" }""", Encoding.UTF8, "application/json"),
                // The bad text as a name and as the value of the fields endpoints read first: parsers that skip an
                // unknown name still meet it.
                "invalid UTF-8" => Json(WithText([0xC3, 0x28])),
                "lone surrogate" => Json(WithText("\\ud800"u8.ToArray())),
                "duplicate names" => Json("""{ "user": "coordinatrice", "user": "pilote", "text": "a", "text": "b", "from": 1, "from": 1 }"""u8.ToArray()),
                _ => Json("""{ "document": { "id": "a", "id": "b" }, "reporter": { "name": "a", "name": "b" } }"""u8.ToArray()),
            };
            var expected = bad switch { "wrong content type" => 415, "too large" => 413, _ => 400 };

            var response = await client.SendAsync(request);

            // An endpoint that reads its body itself may first say that what the route names does not exist.
            await AssertProblemAsync(response, response.StatusCode == HttpStatusCode.NotFound ? 404 : expected, endpoint.ToString());
        }

        // A client's mistake is not a fault of Pathway's: nothing logged as an error.
        Assert.DoesNotContain(_run.Log.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task A_name_given_twice_is_refused_with_its_path()
    {
        var response = await (await _run.ClientAsAsync("accueil")).PostAsync("/api/intake",
            Json("""{ "minor": { "givenName": "a", "givenName": "b" } }"""u8.ToArray()));

        var problem = await AssertProblemAsync(response, 400, "intake");
        Assert.Equal("Le corps de la requête donne deux fois le champ « minor.givenName ».",
            Assert.Single(problem.GetProperty("errors").GetProperty("body").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_field()
    {
        var response = await _run.CreateClient().PostAsJsonAsync("/api/session/dev-sign-in", new { user = 12 });

        var problem = await AssertProblemAsync(response, 400, "dev-sign-in");
        Assert.True(problem.GetProperty("errors").TryGetProperty("user", out _), problem.ToString());
    }

    [Fact]
    public async Task A_bad_route_value_gets_a_4xx_problem_on_every_endpoint_with_route_parameters()
    {
        foreach (var endpoint in ApiEndpoints.All(_run.Services).Where(e => e.IsApi && e.Route.Contains('{')))
        {
            var client = await CallerOfAsync(endpoint);
            var request = endpoint.Request();
            request.RequestUri = new Uri(string.Join('/', endpoint.Route.Split('/').Select(s => s.StartsWith('{') ? "%20not%20valid%20" : s)), UriKind.Relative);

            var response = await client.SendAsync(request);

            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{endpoint}: {(int)response.StatusCode}");
            await AssertProblemAsync(response, (int)response.StatusCode, endpoint.ToString());
        }
    }

    [Fact]
    public async Task Bare_status_codes_are_problems_in_French()
    {
        var coordinator = await _run.ClientAsAsync("coordinatrice");
        var anonymous = await _run.CreateClient().GetAsync("/api/session");
        var forbidden = await (await _run.ClientAsAsync("observatoire")).GetAsync("/api/escalations");
        var unknown = await coordinator.GetAsync("/api/no-such-thing");
        var wrongMethod = await coordinator.DeleteAsync("/api/session");

        Assert.Equal("Connexion requise", (await AssertProblemAsync(anonymous, 401, "anonymous")).GetProperty("title").GetString());
        Assert.Equal("Accès refusé", (await AssertProblemAsync(forbidden, 403, "wrong role")).GetProperty("title").GetString());
        Assert.Equal("Introuvable", (await AssertProblemAsync(unknown, 404, "unknown path")).GetProperty("title").GetString());
        Assert.Equal("Méthode non permise", (await AssertProblemAsync(wrongMethod, 405, "wrong method")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task No_response_of_the_host_may_be_stored_or_sniffed_whoever_answers()
    {
        var fileId = await Intakes.OpenFileAsync(await _run.ClientAsAsync("accueil"));
        var coordinator = await _run.ClientAsAsync("coordinatrice");
        var responses = new List<(string What, HttpResponseMessage Response)>
        {
            ("a file's detail", await coordinator.GetAsync($"/api/files/{fileId}")),
            ("a file's timeline", await coordinator.GetAsync($"/api/files/{fileId}/timeline")),
            ("a note", await coordinator.PostAsJsonAsync($"/api/files/{fileId}/notes", new { text = "Appel du collège." })),
            ("a sign-in", await _run.CreateClient().PostAsJsonAsync("/api/session/dev-sign-in", new { user = "accueil" })),
            ("anonymous", await _run.CreateClient().GetAsync("/api/session")),
            ("health", await _run.CreateClient().GetAsync("/health/ready")),
            ("the OpenAPI document", await _run.CreateClient().GetAsync("/openapi/v1.json")),
            ("no such file", await _run.CreateClient().GetAsync("/no-such-file.js")),
        };
        foreach (var endpoint in ApiEndpoints.All(_run.Services).Where(e => e.IsApi))
            responses.Add((endpoint.ToString(), await (await CallerOfAsync(endpoint)).SendAsync(endpoint.Request())));

        Assert.All(responses, r =>
        {
            Assert.True(r.Response.Headers.CacheControl?.NoStore == true, $"{r.What}: Cache-Control {r.Response.Headers.CacheControl}");
            Assert.True(r.Response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", r.What);
        });
        Assert.Contains(responses, r => r.What == "a file's detail" && r.Response.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public void Json_is_camelCase_with_enums_as_kebab_case_strings()
    {
        var options = _run.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var json = JsonSerializer.Serialize(new { DangerLevel = Sample.InformationPreoccupante }, options);

        Assert.Equal("""{"dangerLevel":"information-preoccupante"}""", json);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>("2", options));
    }

    [Fact]
    public void Definitions_accept_bodies_up_to_2_MiB_and_everything_else_64_KiB()
    {
        var limits = _run.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Route: (e as RouteEndpoint)?.RoutePattern.RawText ?? "", Limit: e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize))
            .ToList();

        Assert.All(limits, l => Assert.Equal(l.Route.TrimStart('/').StartsWith("api/definitions", StringComparison.Ordinal) ? BodyLimits.Definitions : null, l.Limit));
    }

    private enum Sample
    {
        InformationPreoccupante,
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode} instead of {status}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {response.Content.Headers.ContentType} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), $"{what}: no title");
        return problem;
    }

    /// <summary>The endpoints that read a JSON body.</summary>
    private List<ApiEndpoint> JsonBodyEndpoints()
    {
        var reading = _run.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Any(a => a.ContentTypes.Contains("application/json")))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/')).ToHashSet();
        return ApiEndpoints.All(_run.Services).Where(e => reading.Contains(e.Route) && e.Method is "POST" or "PUT" or "PATCH").ToList();
    }

    /// <summary>Someone allowed to call the endpoint, so that what answers is the endpoint, not the sign-in. Signed in
    /// even for anonymous endpoints: a request routing refuses by itself (wrong content type or method) is answered
    /// by routing's own endpoint, which asks for a signed-in user like anything unmarked.</summary>
    private async Task<HttpClient> CallerOfAsync(ApiEndpoint endpoint)
    {
        var role = Roles.All.First(r => endpoint.Policies.All(p => Policies.Allowed[p].Contains(r)));
        var users = _run.Services.GetRequiredService<DevelopmentSignIn>().Users;
        return await _run.ClientAsAsync(users.First(u => u.Roles.Contains(role)).Id);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A body with <paramref name="text"/> (raw bytes inside quotes) for a name and for every value.</summary>
    private static byte[] WithText(byte[] text) =>
    [
        .. """{ "#": "#", "user": "#", "text": "#", "origin": "#", "reason": "#", "document": { "id": "#" } }"""u8.ToArray()
            .SelectMany(b => b == '#' ? text : [b]),
    ];

    private static long LimitOf(ApiEndpoint endpoint) =>
        endpoint.Route.StartsWith("/api/definitions", StringComparison.Ordinal) ? BodyLimits.Definitions : BodyLimits.Default;
}

/// <summary>The same limits on Kestrel, where a body that does not announce its length is cut at the limit.</summary>
public sealed class BodyLimitOnKestrelTests
{
    [Fact]
    public async Task A_chunked_body_past_the_limit_gets_413_as_a_problem()
    {
        using var folder = TestFolder.WithRepositoryDefinitions();
        await using var run = new PathwayRun(folder);
        run.UseKestrel(0);
        var client = await run.ClientAsAsync("coordinatrice");
        Assert.Equal("127.0.0.1", client.BaseAddress?.Host);
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "user": "{{new string('x', 100_000)}}" }""")));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/dev-sign-in") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(run.Log.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
