using Microsoft.AspNetCore.Http.HttpResults;
using Pathway.Workflows.Validation;

namespace Pathway.Host.Designer;

/// <summary>The designer's error answers, as ProblemDetails with French titles.</summary>
internal static class DefinitionProblems
{
    public static ProblemHttpResult NotFound(string id, int? version = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Définition inconnue",
        detail: version is null ? $"La définition « {id} » n'existe pas." : $"La définition « {id} » n'a pas de version {version}.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflit de version", detail: detail);

    /// <summary>A bad request body, not a definition problem: <c>errors: { field: [message] }</c>.</summary>
    public static ValidationProblem BadInput(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// A definition that cannot be saved or published: <c>errors</c> keyed by JSON Pointer as the API's convention
    /// wants, and <c>definitionErrors</c>, the validator's list with its stable codes (the designer translates them).
    /// </summary>
    public static ValidationProblem Invalid(IReadOnlyList<ValidationError> errors, string title) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Pointer).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: title,
        extensions: new Dictionary<string, object?> { ["definitionErrors"] = errors });
}
