// Pathway host: with a verb (e.g. `definitions validate`) it runs that verb; otherwise (no argument, or only
// options such as --urls) it serves Pathway.
using Pathway.Host.Cli;
using Pathway.Host.Setup;

if (args.Length > 0 && !args[0].StartsWith('-'))
    return await CommandLine.RunAsync(args);

try
{
    // Settings files sit beside the binary; the working directory stays where the command was typed.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddPathway();
    var app = builder.Build();
    app.MapPathway();
    await app.RunAsync();
    return 0;
}
catch (PathwayStartupException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 1;
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException
                                    || exception.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
{
    // Another process holds the address. Nothing was carried out meanwhile: background work waits for the host to be
    // up (HostStarted), and the host never came up.
    await Console.Error.WriteLineAsync($"Pathway cannot listen on its address: {exception.Message} Choose another with --urls or ASPNETCORE_URLS.");
    return 1;
}

/// <summary>The entry point, visible to the host's tests (WebApplicationFactory).</summary>
public partial class Program;
