using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Pathway.Activities.Partners;
using Pathway.Host.Access;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Persistence;

namespace Pathway.Host.Escalations;

/// <summary>The coordinator's inbox and actions (docs/api.md, "Escalations"): coordinator and ASE inspector only.</summary>
public static class EscalationEndpoints
{
    public static RouteGroupBuilder MapEscalations(this RouteGroupBuilder api)
    {
        var escalations = api.MapGroup("/escalations").WithTags("Escalations").RequireAuthorization(Policies.HandleEscalations);
        escalations.MapGet("", InboxAsync);
        escalations.MapPost("/{id:guid}/acknowledge", (Guid id, HttpContext http, CancellationToken ct) =>
            Desk(http).ActAsync(http, id, "acknowledged", _ => EscalationRequests.Acknowledge(), ct));
        escalations.MapPost("/{id:guid}/remind", (Guid id, RemindRequest? request, HttpContext http, CancellationToken ct) =>
            Desk(http).ActAsync(http, id, "reminded", _ => EscalationRequests.Remind(request), ct));
        escalations.MapPost("/{id:guid}/extend", (Guid id, ExtendRequest? request, HttpContext http, CancellationToken ct) =>
            Desk(http).ActAsync(http, id, "extended", _ => EscalationRequests.Extend(request), ct));
        escalations.MapPost("/{id:guid}/reassign", (Guid id, ReassignRequest? request, HttpContext http,
                PartnerRegistry partners, CancellationToken ct) =>
            Desk(http).ActAsync(http, id, "reassigned", e => EscalationRequests.Reassign(request, e, partners), ct));
        escalations.MapPost("/{id:guid}/convene", (Guid id, ConveneRequest? request, HttpContext http,
                PartnerRegistry partners, IClock clock, CancellationToken ct) =>
            Desk(http).ActAsync(http, id, "convened", _ => EscalationRequests.Convene(request, partners, clock.GetCurrentInstant()), ct));
        escalations.MapPost("/{id:guid}/resolve", (Guid id, ResolveRequest? request, HttpContext http, CancellationToken ct) =>
            Desk(http).ActAsync(http, id, "resolved", _ => EscalationRequests.Resolve(request), ct));
        return api;
    }

    /// <summary>Made per request from the host's services, so the API needs no registration of its own.</summary>
    private static EscalationDesk Desk(HttpContext http) => ActivatorUtilities.CreateInstance<EscalationDesk>(http.RequestServices);

    /// <summary>Open escalations, most urgent first, paged as every list of the API.</summary>
    private static async Task<Results<Ok<EscalationPage>, ValidationProblem>> InboxAsync(
        HttpContext http, PathwayDatabase database, DefinitionStore definitions, ActivityCatalog catalog, PartnerRegistry partners, IClock clock,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = (page ?? 1, pageSize ?? 25);
        var errors = new Dictionary<string, string[]>();
        // Bounded as the file list's pages are: (page - 1) × pageSize must not overflow into another page.
        if (number is < 1 or > 1_000_000) errors["page"] = ["Attendu un nombre entier de 1 à 1000000."];
        if (size is < 1 or > 200) errors["pageSize"] = ["Entre 1 et 200 alertes par page."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var items = await new EscalationInbox(database, definitions, catalog, partners, clock).OpenAsync(http.User(), cancellationToken);
        return TypedResults.Ok(new EscalationPage([.. items.Skip((number - 1) * size).Take(size)], number, size, items.Count));
    }
}

public sealed record EscalationPage(IReadOnlyList<EscalationItem> Items, int Page, int PageSize, int Total);
