using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pathway.Host.Tests.Escalations;

/// <summary>Values at the edge of the calendar are refused by field, never a 500: the action's checks bound what the
/// engine would have to count.</summary>
public sealed class EscalationInputTests(EscalationRig rig) : IClassFixture<EscalationRig>
{
    [Theory]
    [InlineData("PT2147483647H")]
    [InlineData("P9999Y")]
    [InlineData("P3661D")]
    public async Task An_extension_beyond_ten_years_is_refused_by_field(string extension)
    {
        var errors = await ErrorsAsync("extend", $$"""{ "extension": "{{extension}}", "reason": "Audience reportée" }""");

        Assert.StartsWith("Indiquez la prolongation", Assert.Single(errors["extension"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task A_meeting_time_beyond_the_calendar_is_refused_by_field()
    {
        var errors = await ErrorsAsync("convene",
            """{ "partners": ["crip-93"], "at": "9999-12-31T23:59:59-18:00", "place": "CDEF", "agenda": "Situation" }""");

        Assert.StartsWith("Indiquez la date et l'heure", Assert.Single(errors["at"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task An_inbox_page_past_a_million_is_refused_rather_than_wrapped_around_to_another_page()
    {
        await rig.OpenFileAsync(EscalationRig.LateTask);

        var response = await rig.Coordinator.GetAsync("/api/escalations?page=2147483647&pageSize=200");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await EscalationRig.ReadAsync(response))["errors"]!["page"]);
    }

    private async Task<JsonObject> ErrorsAsync(string action, string body)
    {
        var file = await rig.OpenFileAsync(EscalationRig.LateTask);
        var escalation = await rig.EscalationOfAsync(file);

        var response = await rig.Coordinator.PostAsync($"/api/escalations/{(string)escalation["id"]!}/{action}",
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await EscalationRig.ReadAsync(response))["errors"]!.AsObject();
    }
}
