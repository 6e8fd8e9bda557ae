using System.CommandLine;

namespace Pathway.Host.Cli;

/// <summary>The host's command-line verbs.</summary>
public static class CommandLine
{
    /// <summary>Runs a verb; <paramref name="output"/> and <paramref name="error"/> default to the console.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = new RootCommand("Pathway: the care pathway of minors in situations of prostitution.")
        {
            DefinitionsCommand.Create(),
            BrokerCommand.Create(),
            KeysCommand.Create(),
        };
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        return root.Parse(args).InvokeAsync(configuration);
    }
}
