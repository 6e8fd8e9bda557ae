using System.Net;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Testing;

namespace Pathway.Host.Tests;

/// <summary><c>/health/live</c> says the process answers; <c>/health/ready</c> that the database answers too (all a
/// load balancer needs); <c>/health</c> how every dependency is, for monitors.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Live_answers_200()
    {
        await using var run = new PathwayRun(_folder);

        var (status, body) = await GetAsync(run, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","checks":{}}""", body);
    }

    [Fact]
    public async Task Ready_answers_200_when_the_SQLite_database_answers()
    {
        await using var run = new PathwayRun(_folder);

        var (status, body) = await GetAsync(run, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy"}}""", body);
    }

    [Fact]
    public async Task Health_answers_200_with_every_check_when_all_are_healthy()
    {
        await using var run = new PathwayRun(_folder);

        var (status, body) = await GetAsync(run, "/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","checks":{"broker":"Healthy","database":"Healthy","scheduler":"Healthy"}}""", body);
    }

    [Fact]
    public async Task Ready_answers_200_when_the_PostgreSQL_database_answers()
    {
        await using var database = await ScratchPostgres.CreateAsync("pathway_host");
        await using var run = new PathwayRun(_folder, database.ConnectionString);

        var (status, body) = await GetAsync(run, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy"}}""", body);
    }

    [Fact]
    public async Task Ready_answers_503_when_the_PostgreSQL_database_is_gone()
    {
        await using var database = await ScratchPostgres.CreateAsync("pathway_host");
        await using var run = new PathwayRun(_folder, database.ConnectionString);
        run.Start();

        await database.DropAsync();
        var (status, body) = await GetAsync(run, "/health/ready");
        var (allStatus, all) = await GetAsync(run, "/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("""{"status":"Unhealthy","checks":{"database":"Unhealthy"}}""", body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, allStatus);
        Assert.Equal("""{"status":"Unhealthy","checks":{"broker":"Healthy","database":"Unhealthy","scheduler":"Unhealthy"}}""", all);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(PathwayRun run, string path)
    {
        using var client = run.CreateClient();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
