using System.Net.Mail;
using System.Text.Json.Nodes;

namespace Pathway.Host.Intake;

/// <summary>A signalement or information préoccupante as received: who reported, about which minor, what happened.</summary>
public sealed record IntakeForm(
    string Origin, DateOnly ReceivedAt, Reporter Reporter, MinorIdentity Minor, string Facts, string DangerLevel);

/// <summary>The professional or service that reported (personal data, encrypted at rest).</summary>
public sealed record Reporter(string Name, string Organisation, string? Phone, string? Email);

/// <summary>The minor's identity (personal data, encrypted at rest).</summary>
public sealed record MinorIdentity(string GivenName, string FamilyName, DateOnly BirthDate, string? Address);

/// <summary>
/// Reads an intake from its JSON and checks it: every field, with a French message per field. A file is opened only
/// for a minor: someone under 18 on the day the information was received (domain: the protocol concerns minors;
/// from 18 the jeune majeur support of the Département takes over, outside this pathway).
/// </summary>
internal static class IntakeRules
{
    public static readonly string[] Origins = ["information-preoccupante", "signalement"];

    public static readonly string[] DangerLevels = ["faible", "modere", "eleve", "immediat"];

    public const int MajorityAge = 18;

    private const int NameLength = 100;
    private const int OrganisationLength = 200;
    private const int AddressLength = 300;
    private const int FactsLength = 20_000;

    /// <param name="today">Today in Europe/Paris: nothing received or born later.</param>
    public static (IntakeForm? Form, Dictionary<string, string[]> Errors) Read(JsonObject body, DateOnly today)
    {
        var form = new FormReader();
        form.OnlyKnown(body, "", "origin", "receivedAt", "reporter", "minor", "facts", "dangerLevel");
        var origin = form.Choice(body, "", "origin", Origins);
        var receivedAt = form.Date(body, "", "receivedAt", required: true);
        var facts = form.Text(body, "", "facts", FactsLength, required: true, TextKind.FreeText);
        var danger = form.Choice(body, "", "dangerLevel", DangerLevels);
        var reporter = ReadReporter(form, body);
        var minor = ReadMinor(form, body);

        if (receivedAt > today) form.Fail("receivedAt", "La date de réception ne peut pas être dans le futur.");
        if (minor is not null && !form.Failed("minor.birthDate")) CheckAge(form, minor.BirthDate, form.Failed("receivedAt") ? null : receivedAt, today);

        return form.Valid
            ? (new IntakeForm(origin!, receivedAt!.Value, reporter!, minor!, facts!, danger!), [])
            : (null, form.Errors);
    }

    /// <summary>The date the minor turns 18 (a birth on 29 February comes of age on 28 February, as .NET and NodaTime count).</summary>
    public static DateOnly Majority(DateOnly birthDate) => birthDate.AddYears(MajorityAge);

    private static void CheckAge(FormReader form, DateOnly birthDate, DateOnly? receivedAt, DateOnly today)
    {
        const string field = "minor.birthDate";
        if (birthDate > today)
            form.Fail(field, "La date de naissance ne peut pas être dans le futur.");
        else if (receivedAt is { } received && birthDate >= received)
            form.Fail(field, "La date de naissance doit précéder la date de réception.");
        else if (receivedAt is { } at && Majority(birthDate) <= at)
            form.Fail(field, "La personne avait 18 ans ou plus à la date de réception : le protocole ne concerne que les mineurs. " +
                             "Orientez la demande vers l'accompagnement des jeunes majeurs.");
        else if (Majority(birthDate) <= today)
            form.Fail(field, $"La personne a eu 18 ans le {Majority(birthDate):dd/MM/yyyy} : le protocole ne concerne que les mineurs. " +
                             "Orientez la demande vers l'accompagnement des jeunes majeurs.");
    }

    private static Reporter? ReadReporter(FormReader form, JsonObject body)
    {
        const string prefix = "reporter.";
        if (form.Object(body, "", "reporter") is not { } reporter) return null;
        form.OnlyKnown(reporter, prefix, "name", "organisation", "phone", "email");
        var name = form.Text(reporter, prefix, "name", NameLength, required: true);
        var organisation = form.Text(reporter, prefix, "organisation", OrganisationLength, required: true);
        var phone = form.Text(reporter, prefix, "phone", 30, required: false);
        var email = form.Text(reporter, prefix, "email", 254, required: false);
        if (phone is not null && !IsPhone(phone)) form.Fail(prefix + "phone", "Numéro de téléphone invalide.");
        if (email is not null && !IsEmail(email)) form.Fail(prefix + "email", "Adresse électronique invalide.");
        if (name is not null && !HasLetter(name)) form.Fail(prefix + "name", "Le nom doit contenir au moins une lettre.");
        return name is null || organisation is null ? null : new Reporter(name, organisation, phone, email);
    }

    private static MinorIdentity? ReadMinor(FormReader form, JsonObject body)
    {
        const string prefix = "minor.";
        if (form.Object(body, "", "minor") is not { } minor) return null;
        form.OnlyKnown(minor, prefix, "givenName", "familyName", "birthDate", "address");
        var given = form.Text(minor, prefix, "givenName", NameLength, required: true);
        var family = form.Text(minor, prefix, "familyName", NameLength, required: true);
        var birth = form.Date(minor, prefix, "birthDate", required: true);
        var address = form.Text(minor, prefix, "address", AddressLength, required: false, TextKind.Lines);
        // Duplicates are found on names reduced to their letters and digits: a name must keep some.
        if (given is not null && !HasLetter(given)) form.Fail(prefix + "givenName", "Le prénom doit contenir au moins une lettre.");
        if (family is not null && !HasLetter(family)) form.Fail(prefix + "familyName", "Le nom doit contenir au moins une lettre.");
        return given is null || family is null || birth is null ? null : new MinorIdentity(given, family, birth.Value, address);
    }

    private static bool HasLetter(string text) => text.Any(char.IsLetter);

    private static bool IsPhone(string phone) =>
        phone.Count(char.IsDigit) is >= 4 and <= 15 && phone.All(c => char.IsDigit(c) || c is ' ' or '.' or '-' or '+' or '(' or ')');

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);
}
