using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Host.Access;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Access;

/// <summary>
/// The role × endpoint matrix, read from the host itself: every endpoint it maps is called by anonymous and by a
/// user of each role, and must let in exactly the roles <see cref="Policies.Allowed"/> gives its policy: 401 for
/// anonymous, 403 for a role not allowed. Endpoints added later are covered without touching this test.
/// </summary>
public sealed class RoleMatrixTests : IDisposable
{
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_api_endpoint_but_the_session_ones_names_a_policy_of_Policies()
    {
        await using var run = new PathwayRun(_folder);

        var unguarded = ApiEndpoints.All(run.Services)
            .Where(e => e.IsApi && !e.IsSession)
            .Where(e => e.Anonymous || e.Policies.Count == 0 || e.Policies.Any(p => !Policies.Allowed.ContainsKey(p)))
            .Select(e => e.ToString()).ToList();

        Assert.True(unguarded.Count == 0,
            "These endpoints must name a policy of Policies.Allowed (.RequireAuthorization(Policies.X)) and not allow anonymous callers:\n"
            + string.Join('\n', unguarded));
    }

    [Fact]
    public async Task Every_endpoint_lets_in_exactly_the_roles_its_policy_allows()
    {
        await using var run = new PathwayRun(_folder);
        var endpoints = ApiEndpoints.All(run.Services);
        var callers = new Dictionary<string, HttpClient> { ["anonymous"] = run.CreateClient() };
        var users = run.Services.GetRequiredService<DevelopmentSignIn>().Users;
        foreach (var role in Roles.All)
            callers[role] = await run.ClientAsAsync(users.First(u => u.Roles.SequenceEqual([role])).Id);

        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        foreach (var (caller, client) in callers)
        {
            var status = (await client.SendAsync(endpoint.Request())).StatusCode;
            var refusal = caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            var allowed = Allows(endpoint, caller);
            if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                wrong.Add($"{endpoint} as {caller}: {(int)status}, expected to be let in");
            else if (!allowed && status != refusal)
                wrong.Add($"{endpoint} as {caller}: {(int)status}, expected {(int)refusal}");
        }

        Assert.Contains(endpoints, e => e.Route == "/api/session");
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>What the matrix should say, from the endpoint's metadata and <see cref="Policies.Allowed"/> only.</summary>
    private static bool Allows(ApiEndpoint endpoint, string caller) =>
        endpoint.Anonymous
        || (caller != "anonymous" && endpoint.Policies.All(p => Policies.Allowed.TryGetValue(p, out var roles) && roles.Contains(caller)));
}
