// Pathway host: with no arguments it serves Pathway; with a verb (e.g. `definitions validate`) it runs that verb.
if (args.Length > 0)
    return await Pathway.Host.Cli.CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => TypedResults.Ok(new { status = "vivant" }));
await app.RunAsync();
return 0;
