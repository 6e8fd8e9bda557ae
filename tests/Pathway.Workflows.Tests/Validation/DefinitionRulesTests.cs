using System.Reflection;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Tests.Validation;

/// <summary>
/// One invalid file per rule, each a copy of <c>valid/care-pathway.json</c> with one mistake, and the single
/// error it must produce. A mistake reported once, not as a cascade, is part of the specification.
/// </summary>
public class DefinitionRulesTests
{
    [Theory]
    [InlineData("json.malformed", "", "json.malformed",
        "The file is not valid JSON (line 4, position 1): The JSON object contains a trailing comma at the end which is not supported in this mode.")]
    [InlineData("schema.unknown-property", "/activities/2", "schema.unknown-property", "Unknown property 'stgae'.")]
    [InlineData("schema.type", "/version", "schema.type", "Must be an integer.")]
    [InlineData("schema.required", "/activities/0", "schema.required", "Property 'id' is required.")]
    [InlineData("schema.pattern", "/activities/1/id", "schema.pattern",
        "'Assess step' is not a well-formed id: use letters, digits, '-' and '_', starting with a letter.")]
    [InlineData("schema.enum", "/variables/0/type", "schema.enum", "\"entier\" is not one of: text, number, boolean, date, choice, list.")]
    [InlineData("schema.minimum", "/version", "schema.minimum", "Must be at least 1.")]
    [InlineData("schema.maximum", "/version", "schema.maximum", "Must be at most 2147483647.")]
    [InlineData("schema.min-length", "/id", "schema.min-length", "Must not be empty.")]
    [InlineData("id.duplicate", "/activities/11/id", "id.duplicate", "Activity id 'end' is already used at /activities/10; ids must be unique.")]
    [InlineData("id.duplicate.variable", "/variables/5/name", "id.duplicate", "Variable name 'age' is already used at /variables/0; ids must be unique.")]
    [InlineData("activity.unknown-type", "/activities/2/type", "activity.unknown-type",
        "Activity type 'SetVar' does not exist; known types: Decision, DeferredChoice, End, Escalate, ForEachPartner, Fork, Join, Notify, PartnerTask, SetVariable, Start, Switch, Timer, WaitForEvent.")]
    [InlineData("input.unknown", "/activities/5/inputs/durée", "input.unknown", "Activity type 'Timer' has no input 'durée'.")]
    [InlineData("input.required", "/activities/4/inputs/event", "input.required", "Input 'event' (Événement) is required.")]
    [InlineData("input.wrong-type", "/activities/10/inputs/terminateFile", "input.wrong-type", "Input 'terminateFile' must be true or false.")]
    [InlineData("input.bad-duration", "/activities/5/inputs/duration", "input.wrong-type",
        "Input 'duration' must be an ISO 8601 duration such as \"P8D\".")]
    [InlineData("input.bad-date", "/activities/9/inputs/at", "input.wrong-type",
        "Input 'at' must be an ISO 8601 date such as \"2026-07-10\" or a date-time with offset.")]
    [InlineData("input.empty", "/activities/3/inputs/branches", "input.empty", "Input 'branches' needs at least one name.")]
    [InlineData("input.duplicate-name", "/activities/3/inputs/branches", "input.duplicate-name", "Input 'branches' names the same outcome twice.")]
    [InlineData("join.cancel-needs-first", "/activities/6/inputs/cancelRemaining", "join.cancel-needs-first",
        "Withdrawing the remaining branches only makes sense when the first branch suffices (mode 'first').")]
    [InlineData("timer.not-a-date", "/activities/9/inputs/atVariable", "timer.not-a-date", "Variable 'age' is not a date.")]
    [InlineData("variable.default-bad-date", "/variables/2/default", "variable.default-wrong-type",
        "Variable 'hearingDate' takes a date written yyyy-MM-dd.")]
    [InlineData("timer.one-of", "/activities/5/inputs", "timer.one-of", "A timer needs exactly one of 'duration', 'at', 'atVariable' or 'atExpression'.")]
    [InlineData("variable.unknown", "/activities/2/inputs/variable", "variable.unknown", "Variable 'orientation' is not declared.")]
    [InlineData("activity.unknown-reference", "/activities/6/inputs/fork", "activity.unknown-reference", "No activity has id 'partner'.")]
    [InlineData("variable.wrong-type", "/activities/2/inputs/value", "variable.wrong-type",
        "Activity 'to-parquet' sets variable 'route' (choice) to a value of type number.")]
    [InlineData("condition.not-boolean", "/activities/1/inputs/condition", "condition.not-boolean",
        "A condition must give true or false, but this one gives a number; wrap it in '!!' to test whether it is truthy.")]
    [InlineData("condition.unknown-variable", "/activities/1/inputs/condition/==/0/var", "condition.unknown-variable",
        "Variable 'dangr' is not declared.")]
    [InlineData("condition.unknown-variable.expression", "/activities/2/inputs/value/var", "condition.unknown-variable",
        "Variable 'orientation' is not declared.")]
    [InlineData("condition.type-mismatch.switch-case", "/activities/1/inputs/cases/1/condition/</1", "condition.type-mismatch",
        "Operator '<' cannot compare variable 'age' (number) with the text 'quinze'.")]
    [InlineData("variable.default-wrong-type", "/variables/0/default", "variable.default-wrong-type", "Variable 'age' takes a number value.")]
    [InlineData("variable.default-not-a-choice", "/variables/3/default", "variable.default-not-a-choice",
        "Variable 'route' only takes one of: parquet, crip.")]
    [InlineData("variable.choices-missing", "/variables/3", "variable.choices-missing", "Choice variable 'route' needs a non-empty list of choices.")]
    [InlineData("variable.choices-duplicate", "/variables/3/choices/2", "variable.choices-duplicate", "Choice 'parquet' of variable 'route' is listed twice.")]
    [InlineData("variable.choices-not-allowed", "/variables/4/choices", "variable.choices-not-allowed",
        "Only choice variables list choices; 'note' is of type text.")]
    [InlineData("stage.unknown", "/activities/3/stage", "stage.unknown", "Stage 'evaluaton' is not declared; declared stages: signalement, evaluation.")]
    [InlineData("connection.unknown-source", "/connections/13/source", "connection.unknown-source", "Source 'ghost' is not an activity of this definition.")]
    [InlineData("connection.unknown-target", "/connections/12/target", "connection.unknown-target", "Target 'the-end' is not an activity of this definition.")]
    [InlineData("connection.into-start", "/connections/11/target", "connection.into-start",
        "Connection goes back to the Start 'start'; a Start has no incoming connection (loop back to the activity after it).")]
    [InlineData("connection.unknown-outcome.end", "/connections/13/outcome", "connection.unknown-outcome",
        "Activity 'end' (End) has no outcome, so no connection can leave it.")]
    [InlineData("connection.duplicate-outcome", "/connections/13", "connection.duplicate-outcome",
        "Outcome 'crip' of 'partners' is already connected at /connections/4; an outcome leads to one activity: use a Fork to start parallel branches.")]
    [InlineData("activity.outcome-not-connected", "/activities/1", "activity.outcome-not-connected",
        "Outcome 'false' of activity 'assess' is not connected: add a connection from it.")]
    [InlineData("start.missing", "/activities", "start.missing", "The definition has no Start activity; add one where files begin.")]
    [InlineData("start.duplicate", "/activities/11", "start.duplicate", "Activity 'start-2' is a second Start; a definition has exactly one, 'start'.")]
    [InlineData("flow.unreachable", "/activities/11", "flow.unreachable", "Activity 'orphan' cannot be reached from the start.")]
    [InlineData("flow.cannot-reach-end", "/activities/9", "flow.cannot-reach-end", "Activity 'deadline' can never reach an end: the file would stall.")]
    [InlineData("join.not-a-split", "/activities/6/inputs/fork", "join.not-a-split",
        "Join 'reports' names 'await', a DeferredChoice whose losing branches are withdrawn: it needs no join.")]
    [InlineData("join.not-a-split.itself", "/activities/6/inputs/fork", "join.not-a-split",
        "Join 'reports' names itself; name the Fork or Switch (mode 'all') whose branches it brings together.")]
    [InlineData("join.duplicate", "/activities/11/inputs/fork", "join.duplicate", "Split 'partners' is already joined by 'reports'; a split has a single join.")]
    [InlineData("join.foreign-branch", "/connections/3", "join.foreign-branch",
        "'to-parquet' is not on a branch of 'partners' yet leads to its join 'reports': a join only brings together the branches of its own split.")]
    [InlineData("join.jump-into-branches", "/connections/3", "join.jump-into-branches",
        "'to-parquet' jumps into the branches of 'partners' (at 'police-delay'); they can only be entered through 'partners'.")]
    [InlineData("join.loop-to-split", "/connections/7", "join.loop-to-split",
        "'police-delay' leads back to 'partners' while its branches are still open; loop back after the join 'reports' instead.")]
    [InlineData("join.crossed", "/activities/11", "join.crossed",
        "Branches of 'copies' reach the join 'reports' of 'partners' but have no join of their own: add a join naming 'copies' before 'reports', or end them.")]
    [InlineData("deferred-choice.not-blocking", "/connections/10/target", "deferred-choice.not-blocking",
        "Branch 'deadline' of 'await' starts with 'deadline' (SetVariable), which does not wait: start each branch with a waiting activity (Escalate, ForEachPartner, PartnerTask, Timer, WaitForEvent).")]
    public void An_invalid_file_gets_exactly_the_error_of_its_rule(string file, string pointer, string code, string message)
    {
        var errors = Examples.Validate("invalid", file);

        Assert.Equal([new ValidationError(pointer, code, message)], errors);
    }

    [Fact]
    public void An_unknown_outcome_also_leaves_the_real_outcome_unconnected()
    {
        var errors = Examples.Validate("invalid", "connection.unknown-outcome");

        Assert.Equal(
        [
            new ValidationError("/connections/1/outcome", "connection.unknown-outcome",
                "Activity 'assess' (Decision) has no outcome 'yes'; its outcomes are: true, false."),
            new ValidationError("/activities/1", "activity.outcome-not-connected",
                "Outcome 'true' of activity 'assess' is not connected: add a connection from it."),
        ], errors);
    }

    [Fact]
    public void Every_invalid_example_file_is_specified_here()
    {
        var specified = typeof(DefinitionRulesTests).GetMethod(nameof(An_invalid_file_gets_exactly_the_error_of_its_rule))!
            .GetCustomAttributes<InlineDataAttribute>().Select(d => (string)d.GetData(null!).Single()[0])
            .Append("connection.unknown-outcome");

        Assert.Equal(Examples.Names("invalid"), specified.Order());
    }
}
