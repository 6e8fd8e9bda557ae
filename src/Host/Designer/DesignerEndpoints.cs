using Pathway.Host.Access;

namespace Pathway.Host.Designer;

/// <summary>
/// What the designer needs: the versions of definitions and their life (draft → published → retired), the palette
/// of activity types and the partner registry. Writing needs <see cref="Policies.EditDefinitions"/>.
/// </summary>
public static class DesignerEndpoints
{
    public static RouteGroupBuilder MapDesigner(this RouteGroupBuilder api)
    {
        var definitions = api.MapGroup("/definitions").WithTags("Designer");
        definitions.MapGet("", DefinitionVersionsApi.ListAsync).RequireAuthorization(Policies.ReadDefinitions);
        definitions.MapGet("/{id}/versions/{version:int}", DefinitionVersionsApi.DocumentAsync).RequireAuthorization(Policies.ReadDefinitions)
            .Produces<object>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        definitions.MapPost("/{id}/drafts", DraftsApi.CreateAsync).RequireAuthorization(Policies.EditDefinitions)
            .WithMetadata(DefinitionBody.SizeLimit).Accepts<object>("application/json")
            .Produces<DraftCreated>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        definitions.MapPut("/{id}/versions/{version:int}", DraftsApi.UpdateAsync).RequireAuthorization(Policies.EditDefinitions)
            .WithMetadata(DefinitionBody.SizeLimit).Accepts<object>("application/json")
            .Produces<DraftSaved>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        definitions.MapPost("/{id}/versions/{version:int}/validate", DefinitionVersionsApi.ValidateAsync).RequireAuthorization(Policies.EditDefinitions)
            .ProducesProblem(StatusCodes.Status404NotFound);
        definitions.MapPost("/{id}/versions/{version:int}/publish", DefinitionVersionsApi.PublishAsync).RequireAuthorization(Policies.EditDefinitions)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        definitions.MapPost("/{id}/versions/{version:int}/retire", DefinitionVersionsApi.RetireAsync).RequireAuthorization(Policies.EditDefinitions)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Versions.VersionsApi.MapVersions(definitions);

        api.MapGet("/catalogue", Palette.Of).WithTags("Designer").RequireAuthorization(Policies.ReadDefinitions);
        // Not secret (the institutions of the protocol), and every console needs it: the designer, reassigning a task.
        api.MapGet("/partners", Palette.Partners).WithTags("Designer").RequireAuthorization(Policies.ReadRegistry);
        return api;
    }
}
