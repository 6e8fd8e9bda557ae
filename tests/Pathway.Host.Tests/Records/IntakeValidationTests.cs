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
