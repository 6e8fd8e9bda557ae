using System.Text.Json.Nodes;

namespace Pathway.Workflows.Conditions;

/// <summary>Evaluates JSON Logic (jsonlogic.com) rules over a file's variables. Placeholder signature; see tests.</summary>
public static partial class JsonLogic
{
}
