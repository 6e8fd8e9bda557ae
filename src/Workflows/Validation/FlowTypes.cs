namespace Pathway.Workflows.Validation;

/// <summary>
/// The activity types whose meaning the graph rules depend on. Named, not referenced: the engine cannot see
/// <c>Pathway.Activities</c>, and these names and their inputs are the definition file's contract anyway.
/// </summary>
internal static class FlowTypes
{
    public const string Start = "Start";
    public const string Fork = "Fork";
    public const string Switch = "Switch";
    public const string Join = "Join";
    public const string DeferredChoice = "DeferredChoice";
    public const string SetVariable = "SetVariable";
}
