using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Pathway.Host.Api;

/// <summary>
/// Every error the host answers is a ProblemDetails with a French title (users see them): from the features'
/// own results, from requests the framework refuses before a feature runs (malformed JSON, wrong content type,
/// a body too large, a parameter of the wrong form), from bare status codes (401, 403, 404), and from faults.
/// </summary>
internal static class ApiProblems
{
    public const string Unavailable = "Service momentanément indisponible";
    public const string TooManyRequests = "Trop de demandes";

    private static readonly IReadOnlyDictionary<int, string> Titles = new Dictionary<int, string>
    {
        [StatusCodes.Status400BadRequest] = "Requête invalide",
        [StatusCodes.Status401Unauthorized] = "Connexion requise",
        [StatusCodes.Status403Forbidden] = "Accès refusé",
        [StatusCodes.Status404NotFound] = "Introuvable",
        [StatusCodes.Status405MethodNotAllowed] = "Méthode non permise",
        [StatusCodes.Status409Conflict] = "Conflit",
        [StatusCodes.Status413PayloadTooLarge] = "Requête trop volumineuse",
        [StatusCodes.Status415UnsupportedMediaType] = "Type de contenu non pris en charge",
        [StatusCodes.Status429TooManyRequests] = TooManyRequests,
        [StatusCodes.Status500InternalServerError] = "Erreur interne",
        [StatusCodes.Status503ServiceUnavailable] = Unavailable,
    };

    // What the framework writes when no one gave a title: replaced by the French one of the status.
    private static readonly HashSet<string> FrameworkTitles =
        ["One or more validation errors occurred.", "An error occurred while processing your request."];

    /// <summary>Gives a French title to problems that have only the framework's English one.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!Titles.TryGetValue(status, out var title)) return;
        if (problem.Title is null || FrameworkTitles.Contains(problem.Title) || problem.Title == ReasonPhrases.GetReasonPhrase(status))
            problem.Title = title;
    }

    /// <summary>The sentence a user reads when the framework refused the request, by why it did.</summary>
    public static (int Status, string Detail, IDictionary<string, string[]>? Errors) Explain(BadHttpRequestException exception) => exception switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (413, "Le corps de la requête dépasse la taille permise.", null),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            (415, "Le corps de la requête doit être du JSON (Content-Type: application/json).", null),
        { InnerException: JsonException { Path: { Length: > 2 } path } } =>
            (400, "Le corps de la requête n'est pas un JSON valide.", new Dictionary<string, string[]> { [path[2..]] = ["Valeur invalide."] }),
        { InnerException: JsonException } =>
            (400, "Le corps de la requête n'est pas un JSON valide.", null),
        _ => (exception.StatusCode, "Un paramètre de la requête manque ou n'a pas la forme attendue.", null),
    };
}

/// <summary>Turns the framework's refusals of a request (<see cref="BadHttpRequestException"/>) into 4xx problems;
/// anything else is left to the default handler (a 500 problem, logged).</summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException refused) return false;
        var (status, detail, errors) = ApiProblems.Explain(refused);
        context.Response.StatusCode = status;
        var problem = errors is null ? new Microsoft.AspNetCore.Mvc.ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Detail = detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
