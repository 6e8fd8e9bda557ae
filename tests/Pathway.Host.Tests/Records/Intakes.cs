using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathway.Host.Tests.Records;

/// <summary>
/// Intakes as the intake desk types them, about minors with names no test data elsewhere uses (so that a log scan that
/// finds them found a leak). Dates are relative to today: the minor is 15, the information came two days ago.
/// </summary>
internal static class Intakes
{
    public const string GivenName = "Zélindra";
    public const string FamilyName = "Marchetti-Oyelaran";
    public const string Address = "17 allée des Tilleuls-Pourpres, 93140 Bondy";
    public const string ReporterName = "Hortense Vilmorin-Achard";
    public const string ReporterOrganisation = "Collège Évariste-Galois de Bondy";
    public const string ReporterPhone = "01 48 47 46 45";
    public const string ReporterEmail = "h.vilmorin-achard@college-bondy.example.org";
    public const string Facts = "Absences répétées ; la jeune fille a confié à l'infirmière scolaire des rendez-vous tarifés à Aulnay-Quartzite.";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A birth date that makes the minor 15 years and 3 months old today.</summary>
    public static string BirthDate => Date(Today.AddYears(-15).AddMonths(-3));

    public static JsonObject Valid(string givenName = GivenName, string familyName = FamilyName, string? birthDate = null,
        string origin = "information-preoccupante") => new()
    {
        ["origin"] = origin,
        ["receivedAt"] = Date(Today.AddDays(-2)),
        ["reporter"] = new JsonObject
        {
            ["name"] = ReporterName, ["organisation"] = ReporterOrganisation, ["phone"] = ReporterPhone, ["email"] = ReporterEmail,
        },
        ["minor"] = new JsonObject
        {
            ["givenName"] = givenName, ["familyName"] = familyName, ["birthDate"] = birthDate ?? BirthDate, ["address"] = Address,
        },
        ["facts"] = Facts,
        ["dangerLevel"] = "eleve",
    };

    /// <summary>Posts an intake that must be accepted; returns the 201 body.</summary>
    public static async Task<JsonElement> OpenAsync(HttpClient client, JsonObject? intake = null)
    {
        var response = await client.PostAsJsonAsync("/api/intake", intake ?? Valid());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<string> OpenFileAsync(HttpClient client, JsonObject? intake = null) =>
        (await OpenAsync(client, intake)).GetProperty("fileId").GetString()!;

    /// <summary>The French messages of a 400 answer, by field.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }
}
