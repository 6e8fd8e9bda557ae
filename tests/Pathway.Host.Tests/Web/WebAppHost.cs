using System.Net;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Activities.Contracts;
using Pathway.Activities.Partners;
using Pathway.Host.Messaging;
using Pathway.Host.Tests.Infrastructure;
using Pathway.Host.Web;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Tests.Web;

/// <summary>
/// The Pathway host as a browser reaches it: Kestrel on a free loopback port, the embedded default (SQLite in a
/// <see cref="TestFolder"/>, in-memory bus) in the Development environment (the development sign-in), serving the
/// web app the build just made (src/Host/wwwroot), with the repository's definitions and
/// <see cref="WebAppPathways"/>.
/// </summary>
internal sealed class WebAppHost : WebApplicationFactory<Program>
{
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();

    public WebAppHost()
    {
        _folder.WriteDefinitionFile($"{WebAppPathways.StallingId}/v1.json", WebAppPathways.Stalling);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    /// <summary>Where the browser goes, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    public CapturedLog Log { get; } = new();

    /// <summary>Opens a file directly on <paramref name="definitionId"/>, as intake would (intake opens only the pathway).</summary>
    public async Task<string> OpenFileAsync(string definitionId, string fileId)
    {
        await Services.GetRequiredService<CareFileRunner>().StartAsync(definitionId, fileId,
            new StartFile("intake:" + fileId, "intake", new Dictionary<string, JsonNode?> { ["prenom"] = "Lina" }));
        return fileId;
    }

    /// <summary>The open task of a partner on a file, as the partner received it.</summary>
    public async Task<Guid> OpenTaskAsync(string fileId, string partnerId)
    {
        await using var db = Services.GetRequiredService<PathwayDatabase>().CreateContext();
        return await db.Bookmarks.AsNoTracking()
            .Where(b => b.FileId == fileId && b.Addressee == partnerId && b.ClosedAt == null)
            .Select(b => b.Id).SingleAsync();
    }

    /// <summary>A partner's answer on the in-memory bus, the sender named by the header only code in the host can set.</summary>
    public async Task AnswerAsync(string partnerId, Guid taskId, string outcome)
    {
        var answers = await Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + BrokerNames.AnswersQueue));
        await answers.Send(new PartnerReply { TaskId = taskId.ToString(), Answer = Answers.Completed, Outcome = outcome }, context =>
        {
            context.MessageId = Guid.NewGuid();
            context.Headers.Set(PartnerIdentity.InMemoryHeader, partnerId);
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Pathway:DefinitionsFolder", _folder.Definitions);
        builder.UseSetting("Pathway:Database:Provider", "Sqlite");
        builder.UseSetting("Pathway:Database:ConnectionString", $"Data Source={_folder.DatabaseFile}");
        builder.UseSetting(WebAppEndpoints.FolderSetting, RepositoryFile.Path("src/Host/wwwroot"));
        foreach (var (key, value) in TestKeys.Settings.Concat(TestLimits.Settings)) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
