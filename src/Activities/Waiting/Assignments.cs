using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;

namespace Pathway.Activities.Waiting;

/// <summary>
/// The "assign" input of activities that receive data (an event's payload, a partner's answer): for each
/// variable, the field that fills it. A field of the wrong type rejects the whole stimulus.
/// </summary>
internal static class Assignments
{
    public static void Apply(ActivityContext context, IReadOnlyDictionary<string, string>? assign, JsonObject? payload)
    {
        foreach (var (variable, field) in assign ?? new Dictionary<string, string>())
        {
            if (payload?.TryGetPropertyValue(field, out var value) == true)
                context.SetVariableFromStimulus(variable, field, value?.DeepClone());
        }
    }

    public static IEnumerable<InputProblem> Validate(IReadOnlyDictionary<string, string>? assign, ValidationScope scope)
    {
        foreach (var variable in (assign ?? new Dictionary<string, string>()).Keys)
        {
            if (!scope.Variables.ContainsKey(variable))
                yield return new InputProblem("/assign/" + Pointer.Escape(variable), "variable.unknown", $"Variable '{variable}' is not declared.");
        }
    }
}
