using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Host.Intake;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Tests.Protection;
using Pathway.Host.Tests.Records;
using Pathway.Testing;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Tests.Idempotency;

/// <summary>
/// The host killed (SIGKILL) after it committed an intake and before it answered: the client saw its connection
/// drop, and retries with the same key on the restarted host, which answers the first 201, with no second file.
/// </summary>
public sealed class KilledHostTests
{
    /// <summary>How long a host may take to start (migrate, publish) on a loaded machine: only to fail a stuck test.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_intake_committed_by_a_host_killed_before_answering_is_answered_by_the_next_host_with_the_same_file()
    {
        await using var database = await ScratchPostgres.CreateAsync("pathway_killed_intake");
        using var folder = ShortPathway.Folder();
        folder.WriteDefinitionFile($"{ShortPathway.Id}/v1.json", ShortPathway.Definition());
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Pathway:Database:Provider"] = "Postgres",
            ["Pathway:Database:ConnectionString"] = database.ConnectionString,
            ["Pathway:DefinitionsFolder"] = folder.Definitions,
            [IntakeEndpoints.DefinitionSetting] = ShortPathway.Id,
        };
        var key = IdempotencyRig.NewKey();

        using (var doomed = HostProcess.Start(folder.Root, settings.Append(new("Pathway:Testing:KillAfterIdempotentCommit", "true"))))
        {
            using var client = await SignedInAsync(doomed, "accueil");
            await Assert.ThrowsAsync<HttpRequestException>(() => IdempotencyRig.IntakeAsync(client, key));
            Assert.NotEqual(0, await doomed.ExitCodeAsync(Patience));
        }

        Assert.Equal(1, await CountAsync(database, c => c.Files.CountAsync()));
        var committed = await CountAsync(database, c => c.Files.Select(f => f.Id).SingleAsync());

        using var restarted = HostProcess.Start(folder.Root, settings);
        using var retrying = await SignedInAsync(restarted, "accueil");
        var answer = await IdempotencyRig.IntakeAsync(retrying, key);

        Assert.Equal((HttpStatusCode.Created, true), (answer.Status, answer.Replayed));
        Assert.Equal(committed, answer.FileId);
        Assert.Equal($"/api/files/{committed}", answer.Location);
        Assert.Equal(1, await CountAsync(database, c => c.Files.CountAsync()));
    }

    /// <summary>A client of the host process, signed in through the development sign-in, once the host listens.</summary>
    private static async Task<HttpClient> SignedInAsync(HostProcess host, string user)
    {
        var address = await ListeningAsync(host);
        var client = new HttpClient { BaseAddress = address };
        var response = await client.PostAsJsonAsync("/api/session/dev-sign-in", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The address the host printed once it listens (it binds a free port).</summary>
    private static async Task<Uri> ListeningAsync(HostProcess host)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (Regex.Match(host.Output, @"Now listening on: (http://\S+)") is { Success: true } listening) return new Uri(listening.Groups[1].Value);
            if (DateTime.UtcNow > deadline) Assert.Fail($"The host did not listen within {Patience.TotalSeconds:F0} s:\n{host.Output}\n{host.Error}");
            await Task.Delay(100);
        }
    }

    private static async Task<T> CountAsync<T>(ScratchPostgres database, Func<PathwayDbContext, Task<T>> query)
    {
        await using var pathway = new PathwayDatabase(DatabaseProvider.Postgres, database.ConnectionString, TestKeyRing.Protector);
        await using var context = pathway.CreateContext();
        return await query(context);
    }
}
