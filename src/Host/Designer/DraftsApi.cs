using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Pathway.Host.Access;
using Pathway.Host.Api.Idempotency;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Persistence;
using Pathway.Workflows.Validation;
using Pathway.Workflows.Validation.Structure;

namespace Pathway.Host.Designer;

/// <summary>
/// Drafts: made from a version or from an imported document, then saved as the process owner edits them. A draft
/// is saved even when it does not validate (it is work in progress; publishing is what refuses errors), but only
/// when it is a well-formed definition document: a document the model cannot even read is refused with its errors.
/// </summary>
internal static class DraftsApi
{
    /// <summary>
    /// <c>{ "from": 2 }</c> copies a version; <c>{ "document": {...} }</c> imports one. Either way the draft is the
    /// definition's next version, under the route's id, whatever the copied or imported document said.
    /// </summary>
    public static async Task<IResult> CreateAsync(string id, HttpContext http, DefinitionStore store, CancellationToken cancellationToken)
    {
        var (text, problem) = await DefinitionBody.ReadAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        if (ParseObject(text!) is not { } request)
            return DefinitionProblems.BadInput("body", "Le corps de la requête doit être un objet JSON : { \"from\": 2 } ou { \"document\": {...} }.");

        var next = (await store.VersionsAsync(id, cancellationToken)).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1;
        WorkflowDefinition draft;
        switch (request["from"], request["document"])
        {
            case (JsonValue from, null) when from.TryGetValue<int>(out var source):
                var copied = await store.FindAsync(id, source, cancellationToken);
                if (copied is null) return DefinitionProblems.NotFound(id, source);
                draft = copied with { Version = next };
                break;
            case (null, JsonObject document):
                document["id"] = id;
                document["version"] = next;
                var (imported, errors) = DraftDocument.Read(document.ToJsonString());
                if (imported is null) return DefinitionProblems.Invalid(errors, "Le document importé n'est pas une définition lisible.");
                draft = imported;
                break;
            default:
                return DefinitionProblems.BadInput("body", "Indiquez soit « from » (un numéro de version), soit « document » (une définition).");
        }

        var created = TypedResults.Created($"/api/definitions/{Uri.EscapeDataString(id)}/versions/{next}", new DraftCreated(next, store.Validate(draft)));
        try
        {
            await store.SaveDraftAsync(draft, http.User().Actor, cancellationToken, alongside: await IdempotentRequest.RowsAsync(http, created));
        }
        catch (DefinitionConflictException)
        {
            return DefinitionProblems.Conflict($"Une autre version {next} de « {id} » vient d'être créée : rechargez la liste.");
        }

        return created;
    }

    /// <summary>Saves a draft's new content; answers with what publishing it would refuse.</summary>
    public static async Task<IResult> UpdateAsync(string id, int version, HttpContext http, DefinitionStore store, CancellationToken cancellationToken)
    {
        var existing = (await store.VersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.Version == version);
        if (existing is null) return DefinitionProblems.NotFound(id, version);
        if (existing.Status != VersionStatus.Draft)
            return DefinitionProblems.Conflict($"La version {version} de « {id} » est {Status(existing.Status)} : elle ne change plus. Créez un brouillon.");

        var (text, problem) = await DefinitionBody.ReadAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var (definition, errors) = DraftDocument.Read(text!);
        if (definition is null) return DefinitionProblems.Invalid(errors, "Le document n'est pas une définition lisible.");
        if (definition.Id != id || definition.Version != version)
            return DefinitionProblems.Invalid(
                [new ValidationError(definition.Id != id ? "/id" : "/version", "draft.other-document", $"This document is {definition.Id} v{definition.Version}, not {id} v{version}.")],
                "Le document ne correspond pas à ce brouillon.");

        var saved = TypedResults.Ok(new DraftSaved(store.Validate(definition)));
        try
        {
            await store.SaveDraftAsync(definition, http.User().Actor, cancellationToken, alongside: await IdempotentRequest.RowsAsync(http, saved));
        }
        catch (DefinitionConflictException)
        {
            return DefinitionProblems.Conflict($"La version {version} de « {id} » vient d'être publiée : elle ne change plus.");
        }

        return saved;
    }

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Status(string status) => status == VersionStatus.Published ? "publiée" : "retirée";
}

/// <summary>Reads a definition document the way the validator does, structure first, without its semantic rules.</summary>
internal static class DraftDocument
{
    public static (WorkflowDefinition? Definition, IReadOnlyList<ValidationError> Errors) Read(string json)
    {
        var structural = StructuralValidator.Validate(json);
        if (structural.Count > 0) return (null, structural);
        try
        {
            return (DefinitionJson.Deserialize(json), []);
        }
        catch (JsonException exception)
        {
            return (null, [new ValidationError("", "json.unreadable", $"The document cannot be read as a definition: {exception.Message}")]);
        }
    }
}

public sealed record DraftCreated(int Version, IReadOnlyList<ValidationError> Errors);

public sealed record DraftSaved(IReadOnlyList<ValidationError> Errors);
