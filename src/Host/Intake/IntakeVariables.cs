using System.Globalization;
using System.Text.Json.Nodes;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Runtime;

namespace Pathway.Host.Intake;

/// <summary>
/// The one place that says which intake field fills which variable of the pathway. A file starts with the variables
/// its version declares, and only those: a version that does not declare <c>emetteur</c> simply does not get it.
/// </summary>
internal static class IntakeVariables
{
    /// <summary>Variable name → its value from the intake.</summary>
    private static readonly (string Variable, Func<IntakeForm, string> Value)[] Mapping =
    [
        ("origine", f => f.Origin),
        ("emetteur", f => $"{f.Reporter.Name} ({f.Reporter.Organisation})"),
        ("prenom", f => f.Minor.GivenName),
        ("nom", f => f.Minor.FamilyName),
        ("dateNaissance", f => Date(f.Minor.BirthDate)),
        // Known from the birth date: the runaway watch runs until this day without asking anyone for it.
        ("dateMajorite", f => Date(IntakeRules.Majority(f.Minor.BirthDate))),
    ];

    /// <summary>The identity fields of the API, by the variable that carries them to partners (a task's <c>fields</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> IdentityFieldOfVariable = new Dictionary<string, string>
    {
        ["prenom"] = "givenName",
        ["nom"] = "familyName",
        ["dateNaissance"] = "birthDate",
    };

    /// <summary>The start variables for <paramref name="definition"/>; a declared variable whose type does not take the
    /// value (a version that made <c>origine</c> a number) is left out and named in <paramref name="skipped"/>.</summary>
    public static Dictionary<string, JsonNode?> For(IntakeForm form, ExecutableDefinition definition, out List<string> skipped)
    {
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        skipped = [];
        foreach (var (name, value) in Mapping)
        {
            if (!definition.Variables.TryGetValue(name, out var declared)) continue;
            JsonNode node = JsonValue.Create(value(form));
            if (VariableValues.Problem(declared, node) is null) variables[name] = node;
            else skipped.Add(name);
        }

        return variables;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
