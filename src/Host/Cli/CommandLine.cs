using System.CommandLine;

namespace Pathway.Host.Cli;

/// <summary>The host's command-line verbs.</summary>
public static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Pathway: the care pathway of minors in situations of prostitution.");
        return root.Parse(args).InvokeAsync();
    }
}
