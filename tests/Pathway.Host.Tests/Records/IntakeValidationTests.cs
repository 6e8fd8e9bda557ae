using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pathway.Host.Tests.Infrastructure;

namespace Pathway.Host.Tests.Records;

/// <summary>One host for the class: refused intakes write nothing, so the tests cannot disturb each other.</summary>
public sealed class IntakeHost : IAsyncLifetime
{
    private readonly TestFolder _folder = TestFolder.WithRepositoryDefinitions();
    private PathwayRun _run = null!;

    internal HttpClient Desk { get; private set; } = null!;

    internal PathwayRun Run => _run;

    public async Task InitializeAsync()
    {
        _run = new PathwayRun(_folder);
        Desk = await _run.ClientAsAsync("accueil");
    }

    public async Task DisposeAsync()
    {
        await _run.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>What the intake desk types wrong comes back field by field, in French, and never as a 500.</summary>
public sealed class IntakeValidationTests(IntakeHost host) : IClassFixture<IntakeHost>
{
    private Task<HttpResponseMessage> PostAsync(JsonObject intake) => host.Desk.PostAsJsonAsync("/api/intake", intake);

    [Fact]
    public async Task An_empty_intake_names_every_missing_field()
    {
        var errors = await Intakes.ErrorsAsync(await PostAsync(new JsonObject()));

        foreach (var field in new[] { "origin", "receivedAt", "reporter", "minor", "facts", "dangerLevel" })
            Assert.Equal(["Ce champ est obligatoire."], errors[field]);
    }

    [Fact]
    public async Task Missing_names_of_the_minor_and_the_reporter_are_named_by_their_path()
    {
        var intake = Intakes.Valid();
        intake["minor"]!.AsObject().Remove("givenName");
        intake["minor"]!["familyName"] = "   ";
        intake["reporter"]!.AsObject().Remove("organisation");

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.Equal(["Ce champ est obligatoire."], errors["minor.givenName"]);
        Assert.Equal(["Ce champ est obligatoire."], errors["minor.familyName"]);
        Assert.Equal(["Ce champ est obligatoire."], errors["reporter.organisation"]);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public async Task Wrong_values_get_a_message_each()
    {
        var intake = Intakes.Valid();
        intake["origin"] = "rumeur";
        intake["dangerLevel"] = 3;
        intake["minor"]!["birthDate"] = "2011-02-30";
        intake["reporter"]!["email"] = "pas une adresse";
        intake["reporter"]!["phone"] = "appeler le standard";
        intake["couleur"] = "bleu";

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.Equal(["Valeur non reconnue : information-preoccupante, signalement."], errors["origin"]);
        Assert.Equal(["Ce champ doit être un texte."], errors["dangerLevel"]);
        Assert.Equal(["Date invalide : attendu une date au format AAAA-MM-JJ."], errors["minor.birthDate"]);
        Assert.Equal(["Adresse électronique invalide."], errors["reporter.email"]);
        Assert.Equal(["Numéro de téléphone invalide."], errors["reporter.phone"]);
        Assert.Equal(["Champ inconnu."], errors["couleur"]);
    }

    [Fact]
    public async Task Texts_are_bounded()
    {
        var intake = Intakes.Valid(givenName: new string('a', 101));
        intake["facts"] = new string('f', 20_001);

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.Equal(["Ce champ ne peut pas dépasser 100 caractères."], errors["minor.givenName"]);
        Assert.Equal(["Ce champ ne peut pas dépasser 20000 caractères."], errors["facts"]);
    }

    [Theory]
    [InlineData("\u202E", "right-to-left override")]
    [InlineData("\u202A", "left-to-right embedding")]
    [InlineData("\u2066", "left-to-right isolate")]
    [InlineData("\u2069", "pop directional isolate")]
    [InlineData("\u200F", "right-to-left mark")]
    [InlineData("\u061C", "Arabic letter mark")]
    [InlineData("\u200B", "zero-width space")]
    [InlineData("\u200D", "zero-width joiner")]
    [InlineData("\uFEFF", "zero-width no-break space")]
    [InlineData("\u00AD", "soft hyphen")]
    [InlineData("\u3164", "Hangul filler")]
    [InlineData("\u0007", "bell, a C0 control")]
    [InlineData("\u009B", "control sequence introducer, a C1 control")]
    [InlineData("\t", "tab")]
    public async Task A_name_holding_an_invisible_or_control_character_is_refused_by_field(string character, string what)
    {
        var intake = Intakes.Valid(familyName: $"Marchetti{character}-Oyelaran");

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.True(errors.TryGetValue("minor.familyName", out var messages), $"A name holding a {what} was not refused.");
        Assert.Equal(["Caractère invisible ou de contrôle non permis."], messages);
        Assert.Single(errors);
    }

    [Fact]
    public async Task Every_identity_field_refuses_a_bidirectional_override_naming_the_field()
    {
        var intake = Intakes.Valid(givenName: "Z\u202Eardnilé");
        foreach (var (part, field) in new[] { ("reporter", "name"), ("reporter", "organisation"), ("reporter", "phone"), ("reporter", "email"), ("minor", "address") })
            intake[part]![field] = "\u202E" + intake[part]![field]!.GetValue<string>();
        intake["minor"]!["birthDate"] = "\u202E" + Intakes.BirthDate;

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        string[] fields = ["minor.givenName", "minor.birthDate", "minor.address", "reporter.name", "reporter.organisation", "reporter.phone", "reporter.email"];
        Assert.Equal(fields.Order(), errors.Keys.Order());
        Assert.All(fields, field => Assert.Equal(["Caractère invisible ou de contrôle non permis."], errors[field]));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\u2028")]
    public async Task A_name_on_two_lines_is_refused(string lineBreak)
    {
        var errors = await Intakes.ErrorsAsync(await PostAsync(Intakes.Valid(givenName: $"Zélindra{lineBreak}Marie")));

        Assert.Equal(["Ce champ doit tenir sur une ligne."], errors["minor.givenName"]);
    }

    [Fact]
    public async Task The_facts_refuse_bidirectional_overrides_and_control_characters_but_keep_lines_tabs_and_joined_emoji()
    {
        var overridden = Intakes.Valid();
        overridden["facts"] = "Rendez-vous à \u202E22h\u202C près de la gare.";
        var controlled = Intakes.Valid();
        controlled["facts"] = "Rendez-vous\u0000 près de la gare.";
        var written = Intakes.Valid(givenName: "Zélindrine");
        // A line break, a tab, an emoji joined by zero-width joiners, Persian with its zero-width non-joiner and a mark.
        written["facts"] = "Première ligne.\n\tDeuxième ligne : 👩\u200D👧 ; « می\u200Cخواهم » \u200Fnoté.";

        Assert.Equal(["Caractère invisible ou de contrôle non permis."], (await Intakes.ErrorsAsync(await PostAsync(overridden)))["facts"]);
        Assert.Equal(["Caractère invisible ou de contrôle non permis."], (await Intakes.ErrorsAsync(await PostAsync(controlled)))["facts"]);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(written)).StatusCode);
    }

    [Fact]
    public async Task An_address_keeps_its_line_breaks_but_refuses_invisible_characters()
    {
        var onTwoLines = Intakes.Valid(givenName: "Zélindrette");
        onTwoLines["minor"]!["address"] = "17 allée des Tilleuls-Pourpres\n93140 Bondy";
        var hidden = Intakes.Valid();
        hidden["minor"]!["address"] = "17 allée des Tilleuls\u200B-Pourpres";

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(onTwoLines)).StatusCode);
        Assert.Equal(["Caractère invisible ou de contrôle non permis."], (await Intakes.ErrorsAsync(await PostAsync(hidden)))["minor.address"]);
    }

    [Fact]
    public async Task Nothing_is_received_or_born_in_the_future()
    {
        var intake = Intakes.Valid(birthDate: Intakes.Date(Intakes.Today.AddDays(3)));
        intake["receivedAt"] = Intakes.Date(Intakes.Today.AddDays(3));

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.Equal(["La date de réception ne peut pas être dans le futur."], errors["receivedAt"]);
        Assert.Equal(["La date de naissance ne peut pas être dans le futur."], errors["minor.birthDate"]);
    }

    [Fact]
    public async Task The_minor_is_born_before_the_information_is_received()
    {
        var intake = Intakes.Valid(birthDate: Intakes.Date(Intakes.Today.AddDays(-1)));
        intake["receivedAt"] = Intakes.Date(Intakes.Today.AddDays(-5));

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.Equal(["La date de naissance doit précéder la date de réception."], errors["minor.birthDate"]);
    }

    [Fact]
    public async Task Someone_already_18_when_the_information_came_is_refused_the_protocol_is_for_minors()
    {
        var intake = Intakes.Valid(birthDate: Intakes.Date(Intakes.Today.AddYears(-18).AddDays(-10)));

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.Contains("le protocole ne concerne que les mineurs", Assert.Single(errors["minor.birthDate"]));
    }

    [Fact]
    public async Task A_minor_on_the_day_received_who_has_turned_18_since_is_refused_with_the_date()
    {
        var birth = Intakes.Today.AddYears(-18).AddDays(-3);
        var intake = Intakes.Valid(birthDate: Intakes.Date(birth));
        intake["receivedAt"] = Intakes.Date(Intakes.Today.AddDays(-10));

        var errors = await Intakes.ErrorsAsync(await PostAsync(intake));

        Assert.StartsWith($"La personne a eu 18 ans le {birth.AddYears(18):dd/MM/yyyy}", Assert.Single(errors["minor.birthDate"]));
    }

    [Fact]
    public async Task A_minor_of_17_is_accepted()
    {
        var intake = Intakes.Valid(givenName: "Albérique", birthDate: Intakes.Date(Intakes.Today.AddYears(-18).AddDays(20)));

        var response = await PostAsync(intake);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("{ \"origin\": ")]
    [InlineData("pas du json")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"origin\": \"signalement\", \"origin\": \"signalement\" }")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_json_object_is_a_400_problem_never_a_500(string body)
    {
        var response = await host.Desk.PostAsync("/api/intake", new StringContent(body, Encoding.UTF8, "application/json"));

        var errors = await Intakes.ErrorsAsync(response);
        Assert.StartsWith("Le corps de la requête", Assert.Single(errors["body"]));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused()
    {
        var response = await host.Desk.PostAsync("/api/intake",
            new StringContent($"{{ \"facts\": \"{new string('x', 70_000)}\" }}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("observatoire")]
    [InlineData("partenaire-crip-93")]
    [InlineData("pilote")]
    public async Task Only_the_intake_desk_and_the_coordination_open_files(string user)
    {
        var client = await host.Run.ClientAsAsync(user);

        var response = await client.PostAsJsonAsync("/api/intake", Intakes.Valid());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
