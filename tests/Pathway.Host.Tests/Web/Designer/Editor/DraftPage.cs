using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pathway.Host.Tests.Web.Designer.Editor;

/// <summary>A new draft of the pathway's v2 open in the designer, and the draft as the server saved it.</summary>
internal sealed class DraftPage
{
    public const string Pathway = "minor-protection-pathway";
    private string? _bearer;

    private DraftPage(IPage page) => Page = page;

    public IPage Page { get; }

    public static async Task<DraftPage> OfV2Async(DesignerRig rig, string owner)
    {
        var draft = new DraftPage(await rig.SignedInAsync(owner, $"/conception/{Pathway}/2"));
        // The web app holds its bearer token in memory: the draft is read back with the one its own requests carry.
        draft.Page.Request += (_, request) =>
        {
            if (request.Headers.TryGetValue("authorization", out var bearer)) draft._bearer = bearer;
        };
        await draft.Page.GetByRole(AriaRole.Button, new() { Name = "Nouveau brouillon" }).ClickAsync();
        await Expect(draft.Page).ToHaveURLAsync(new Regex($"/conception/{Pathway}/\\d+$"));
        await Expect(Saved(draft.Page)).ToHaveTextAsync("Enregistré · aucune erreur");
        return draft;
    }

    public static ILocator Saved(IPage page) => page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enregistré" });

    /// <summary>
    /// The draft as the server saved it (GET …/versions/{v}), read again until <paramref name="saved"/> holds or
    /// 15 s pass: the editor saves a pause after each edit. The caller asserts on what it got.
    /// </summary>
    public async Task<JsonNode> WhenAsync(Func<JsonNode, bool> saved)
    {
        var version = Regex.Match(Page.Url, @"/(\d+)$").Groups[1].Value;
        return (await Eventually(async () =>
        {
            var response = await Page.Context.APIRequest.GetAsync($"/api/definitions/{Pathway}/versions/{version}",
                new() { Headers = new Dictionary<string, string> { ["Authorization"] = _bearer ?? "" } });
            Assert.True(response.Ok, $"GET draft: {response.Status}");
            return JsonNode.Parse(await response.TextAsync());
        }, draft => saved(draft!)))!;
    }

    /// <summary>Reads until <paramref name="done"/> holds or 15 s pass, and returns the last reading.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(200);
        }
    }
}
