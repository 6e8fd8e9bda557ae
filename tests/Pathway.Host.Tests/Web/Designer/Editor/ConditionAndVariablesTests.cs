using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web.Designer.Editor;

/// <summary>
/// The process owner declares a variable and builds a Decision's condition over the declared variables, on a draft
/// of v2: what the editors show is what the server saves, and the server's errors come back under the field.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class ConditionAndVariablesTests(DesignerRig rig, ITestOutputHelper output)
{
    private const string Owner = "Julien Moreau";
    private const int DeclaredInV2 = 10;
    private DraftPage? _draft;

    [Fact]
    public async Task The_owner_declares_a_choice_variable_sees_a_malformed_or_duplicate_name_refused_and_removes_it()
    {
        var page = await DraftOfV2Async();
        var variables = page.GetByRole(AriaRole.Region, new() { Name = "Variables" });
        await variables.GetByRole(AriaRole.Button, new() { Name = "Ajouter une variable" }).ClickAsync();
        var added = variables.Locator("fieldset").Last;

        var name = added.GetByLabel("Nom", new() { Exact = true });
        await name.FillAsync("priorite");
        await added.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "choix" });
        await added.GetByLabel("Libellé", new() { Exact = true }).FillAsync("Priorité du dossier");
        // Typed key by key, as the owner would: the list is rebuilt at each comma.
        await added.GetByLabel("Choix", new() { Exact = true }).PressSequentiallyAsync("haute, basse");
        await Expect(Saved(page)).ToHaveTextAsync("Enregistré · aucune erreur");
        await Axe.AssertAccessibleAsync(page, output);

        var expected = JsonNode.Parse("""{ "name": "priorite", "type": "choice", "label": "Priorité du dossier", "choices": ["haute", "basse"] }""");
        var draft = await DraftWhenAsync(page, d => Variables(d).Count == DeclaredInV2 + 1 && JsonNode.DeepEquals(Variables(d)[^1], expected));
        Assert.Equal(expected!.ToJsonString(), Variables(draft)[^1]!.ToJsonString());

        // A name the server does not accept, then one already declared: its sentence under the name, the field invalid.
        await name.FillAsync("2priorite");
        var nameError = added.Locator(".field.invalid .error");
        await Expect(nameError).ToContainTextAsync("'2priorite' is not a well-formed id: use letters, digits, '-' and '_', starting with a letter."); // the schema's check: the draft is not saved
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Non enregistré" })).ToBeVisibleAsync();
        await name.FillAsync("origine");
        await Expect(nameError).ToContainTextAsync("Cet identifiant est déjà utilisé.");
        await Expect(nameError).ToContainTextAsync("Variable name 'origine' is already used at /variables/0");
        await name.FillAsync("priorite");
        await Expect(Saved(page)).ToHaveTextAsync("Enregistré · aucune erreur");
        await Expect(name).Not.ToHaveAttributeAsync("aria-invalid", "true");

        await variables.GetByRole(AriaRole.Button, new() { Name = "Retirer la variable priorite" }).ClickAsync();
        await Expect(variables.Locator("fieldset")).ToHaveCountAsync(DeclaredInV2);
        draft = await DraftWhenAsync(page, d => Variables(d).Count == DeclaredInV2);
        Assert.DoesNotContain(Variables(draft), v => (string?)v!["name"] == "priorite");
        Assert.Equal(DeclaredInV2, Variables(draft).Count);
    }

    [Fact]
    public async Task The_owner_builds_a_decision_condition_combines_two_comparisons_with_ou_and_undo_restores_the_previous_one()
    {
        var page = await DraftOfV2Async();
        var condition = await NewDecisionConditionAsync(page);

        // « Mode de saisine est égal à signalement »
        await condition.GetByRole(AriaRole.Button, new() { Name = "Ajouter une comparaison" }).ClickAsync();
        await condition.GetByLabel("Variable de la comparaison 1").SelectOptionAsync(new SelectOptionValue { Label = "Mode de saisine" });
        await condition.GetByLabel("Valeur de la comparaison 1").SelectOptionAsync("signalement");
        const string single = """{ "==": [{ "var": "origine" }, "signalement"] }""";
        await ExpectConditionAsync(page, condition, single);
        await Axe.AssertAccessibleAsync(page, output);

        // … « ou » « Mesure ordonnée au fond est égal à placement »
        await condition.GetByRole(AriaRole.Button, new() { Name = "Ajouter une comparaison" }).ClickAsync();
        await condition.GetByLabel("Variable de la comparaison 2").SelectOptionAsync(new SelectOptionValue { Label = "Mesure ordonnée au fond" });
        await condition.GetByLabel("Valeur de la comparaison 2").SelectOptionAsync("placement");
        await condition.GetByLabel("Combiner").SelectOptionAsync(new SelectOptionValue { Label = "au moins une comparaison (ou)" });
        const string either = """{ "or": [{ "==": [{ "var": "origine" }, "signalement"] }, { "==": [{ "var": "mesure" }, "placement"] }] }""";
        await ExpectConditionAsync(page, condition, either);
        await Expect(condition.Locator(".error")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, output);

        // Edits of one field within a second make one undo step: the next edit is made after that window.
        await page.WaitForTimeoutAsync(1_100);
        await condition.GetByLabel("Valeur de la comparaison 2").SelectOptionAsync("aemo");
        await ExpectConditionAsync(page, condition,
            """{ "or": [{ "==": [{ "var": "origine" }, "signalement"] }, { "==": [{ "var": "mesure" }, "aemo"] }] }""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler" }).ClickAsync();
        await ExpectConditionAsync(page, condition, either);
    }

    [Fact]
    public async Task A_comparison_with_a_value_of_another_type_or_on_an_undeclared_variable_shows_the_servers_error_under_the_condition()
    {
        var page = await DraftOfV2Async();
        var variables = page.GetByRole(AriaRole.Region, new() { Name = "Variables" });
        await variables.GetByRole(AriaRole.Button, new() { Name = "Ajouter une variable" }).ClickAsync();
        var age = variables.Locator("fieldset").Last;
        await age.GetByLabel("Nom", new() { Exact = true }).FillAsync("age");
        await age.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "nombre" });

        var condition = await NewDecisionConditionAsync(page);
        await condition.GetByRole(AriaRole.Button, new() { Name = "Ajouter une comparaison" }).ClickAsync();
        await condition.GetByLabel("Variable de la comparaison 1").SelectOptionAsync("age");
        await condition.GetByLabel("Valeur de la comparaison 1").FillAsync("15");
        await ExpectConditionAsync(page, condition, """{ "==": [{ "var": "age" }, 15] }""");
        var conditionError = condition.Locator(":scope > .error");
        await Expect(conditionError).ToHaveCountAsync(0);

        // The variable becomes a text: 15 is now a number compared with a text.
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les variables" }).ClickAsync();
        await variables.Locator("fieldset").Last.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "texte" });
        await page.Locator(".react-flow__node[data-id='decision-1']").FocusAsync(); // focusing an activity selects it
        await Expect(conditionError).ToContainTextAsync("Operator '==' cannot compare variable 'age'");
        await Expect(conditionError).ToContainTextAsync("with a number");

        // The variable is removed: the comparison names a variable no longer declared.
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les variables" }).ClickAsync();
        await variables.GetByRole(AriaRole.Button, new() { Name = "Retirer la variable age" }).ClickAsync();
        await page.Locator(".react-flow__node[data-id='decision-1']").FocusAsync(); // focusing an activity selects it
        await Expect(conditionError).ToContainTextAsync("Variable 'age' is not declared.");
        await Expect(condition.GetByLabel("Variable de la comparaison 1")).ToHaveValueAsync("age");
        await Expect(condition.GetByLabel("Variable de la comparaison 1").Locator("option:checked")).ToHaveTextAsync("age (non déclarée)");
    }

    [Fact]
    public async Task The_owner_previews_a_condition_with_sample_values_evaluated_in_the_browser()
    {
        var page = await DraftOfV2Async();
        var variables = page.GetByRole(AriaRole.Region, new() { Name = "Variables" });
        await variables.GetByRole(AriaRole.Button, new() { Name = "Ajouter une variable" }).ClickAsync();
        var age = variables.Locator("fieldset").Last;
        await age.GetByLabel("Nom", new() { Exact = true }).FillAsync("age");
        await age.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "nombre" });

        var condition = await NewDecisionConditionAsync(page);
        await condition.GetByRole(AriaRole.Button, new() { Name = "Ajouter une comparaison" }).ClickAsync();
        await condition.GetByLabel("Variable de la comparaison 1").SelectOptionAsync("age");
        await condition.GetByLabel("Opérateur de la comparaison 1").SelectOptionAsync(new SelectOptionValue { Label = "est supérieur ou égal à" });
        await condition.GetByLabel("Valeur de la comparaison 1").FillAsync("15");
        await ExpectConditionAsync(page, condition, """{ ">=": [{ "var": "age" }, 15] }""");

        var preview = condition.GetByRole(AriaRole.Group, new() { Name = "Prévisualisation" });
        var result = preview.GetByRole(AriaRole.Status);
        var sample = preview.GetByLabel("Valeur d’essai de age");
        // Unset, the variable is left out of the data: null >= 15 is false, as in the engine.
        await Expect(result).ToHaveTextAsync("Résultat : faux");
        await sample.FillAsync("16");
        await Expect(result).ToHaveTextAsync("Résultat : vrai");
        await sample.FillAsync("12");
        await Expect(result).ToHaveTextAsync("Résultat : faux");
        await Axe.AssertAccessibleAsync(page, output);
    }

    [Fact]
    public async Task A_condition_on_pathways_date_operators_is_not_previewable_rather_than_previewed_wrong()
    {
        var page = await DraftOfV2Async();
        string? bearer = null;
        page.Request += (_, request) =>
        {
            if (request.Headers.TryGetValue("authorization", out var value)) bearer = value;
        };
        var draft = await DraftWhenAsync(page, _ => true);
        // The builder writes comparisons with values only: the rule is written as the JSON a definition file holds.
        draft["activities"]!.AsArray().Single(a => (string?)a!["id"] == "majorite-connue")!["inputs"]!["condition"] =
            JsonNode.Parse("""{ "<": [{ "var": "dateMajorite" }, { "working-day": [{ "today": [] }, 5] }] }""");
        var version = Regex.Match(page.Url, @"/(\d+)$").Groups[1].Value;
        await page.ReloadAsync();
        await Expect(Saved(page)).ToContainTextAsync("Enregistré");
        var put = await page.Context.APIRequest.PutAsync($"/api/definitions/{DraftPage.Pathway}/versions/{version}", new()
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = bearer ?? "", ["Content-Type"] = "application/json" },
            Data = draft.ToJsonString(),
        });
        Assert.True(put.Ok, $"PUT draft: {put.Status}");
        await page.ReloadAsync();
        // The draft is loaded (its save state shows) before an activity is focused: a focus on the nodes of the
        // first render, before the draft arrives, selects nothing (the CI's one failure).
        await Expect(Saved(page)).ToContainTextAsync("Enregistré");

        await page.Locator(".react-flow__node[data-id='majorite-connue']").FocusAsync(); // focusing an activity selects it
        await Expect(page.Locator(".side").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("majorite-connue");
        var preview = page.Locator(".side").GetByRole(AriaRole.Group, new() { Name = "Prévisualisation" });
        await Expect(preview.GetByRole(AriaRole.Status)).ToHaveTextAsync(
            "Résultat : non prévisualisable : « working-day », « today » se calculent sur le serveur, à la date du dossier et sur le calendrier du territoire");
    }

    private async Task<IPage> DraftOfV2Async()
    {
        _draft = await DraftPage.OfV2Async(rig, Owner);
        return _draft.Page;
    }

    /// <summary>A Decision from the palette, selected: its property panel's condition group.</summary>
    private static async Task<ILocator> NewDecisionConditionAsync(IPage page)
    {
        var palette = page.GetByRole(AriaRole.Region, new() { Name = "Ajouter" });
        await palette.GetByRole(AriaRole.Button, new() { Name = "Décision", Exact = true }).ClickAsync();
        var properties = page.Locator(".side");
        await Expect(properties.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("decision-1");
        return properties.GetByRole(AriaRole.Group, new() { Name = "Condition" }).First;
    }

    /// <summary>The JSON Logic the builder shows and the one the saved draft holds are both exactly <paramref name="json"/>.</summary>
    private async Task ExpectConditionAsync(IPage page, ILocator condition, string json)
    {
        var expected = JsonNode.Parse(json)!;
        if (!await condition.Locator("details").EvaluateAsync<bool>("details => details.open"))
            await condition.Locator("details summary").ClickAsync();
        var shown = await Eventually(async () => JsonNode.Parse(await condition.Locator("details pre").TextContentAsync() ?? "null"),
            node => JsonNode.DeepEquals(node, expected));
        Assert.Equal(expected.ToJsonString(), shown?.ToJsonString());

        var draft = await DraftWhenAsync(page, d => JsonNode.DeepEquals(ConditionOf(d), expected));
        Assert.Equal(expected.ToJsonString(), ConditionOf(draft)?.ToJsonString());
    }

    private static ILocator Saved(IPage page) => DraftPage.Saved(page);

    private static JsonArray Variables(JsonNode draft) => draft["variables"]?.AsArray() ?? [];

    private static JsonNode? ConditionOf(JsonNode draft) =>
        draft["activities"]!.AsArray().FirstOrDefault(a => (string?)a!["id"] == "decision-1")?["inputs"]?["condition"];

    private Task<JsonNode> DraftWhenAsync(IPage page, Func<JsonNode, bool> saved) => _draft!.WhenAsync(saved);

    private static Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done) => DraftPage.Eventually(read, done);
}
