using static Pathway.Workflows.Tests.Conditions.Checking;

namespace Pathway.Workflows.Tests.Conditions;

public class CheckerErrorTests
{
    [Fact]
    public void A_well_typed_rule_has_no_errors() => Assert.Empty(Errors("""
        {"and": [
          {"in": [{"var": "dangerLevel"}, ["moyen", "élevé"]]},
          {"<=": ["2008-01-01", {"var": ["birthDate", "2010-01-01"]}, "2024-12-31"]},
          {"or": [{"!": {"var": "hasLawyer"}}, {">=": [{"+": [{"var": "age"}, 1]}, 16]}]},
          {"!=": [{"cat": [{"var": "firstName"}, " ", {"substr": [{"var": "birthDate"}, 0, 4]}]}, ""]},
          {"!": {"missing_some": [1, ["firstName", "age"]]}},
          {"==": [{"if": [{"var": "hasLawyer"}, 1, 2]}, {"max": [{"var": "age"}, 0]}]}
        ]}
        """));

    [Fact]
    public void An_undeclared_variable_is_reported_at_its_name() => AssertSingleError(
        """{"and": [true, {"==": [{"var": "dangerLvl"}, "élevé"]}]}""",
        At + "/and/1/==/0/var", "condition.unknown-variable", "Variable 'dangerLvl' is not declared.");

    [Fact]
    public void An_undeclared_variable_with_a_default_is_reported_at_its_name() => AssertSingleError(
        """{"var": ["prenom", ""]}""", At + "/var/0", "condition.unknown-variable", "Variable 'prenom' is not declared.");

    [Fact]
    public void An_undeclared_variable_in_missing_is_reported_at_its_name() => AssertSingleError(
        """{"missing": ["age", "prenom"]}""", At + "/missing/1", "condition.unknown-variable", "Variable 'prenom' is not declared.");

    [Fact]
    public void An_undeclared_variable_in_an_array_of_missing_is_reported_at_its_name() => AssertSingleError(
        """{"missing": [["age", "prenom"]]}""", At + "/missing/0/1", "condition.unknown-variable", "Variable 'prenom' is not declared.");

    [Fact]
    public void An_undeclared_variable_in_missing_some_is_reported_at_its_name() => AssertSingleError(
        """{"missing_some": [1, ["prenom", "age"]]}""", At + "/missing_some/1/0", "condition.unknown-variable", "Variable 'prenom' is not declared.");

    [Fact]
    public void An_unknown_operator_is_reported_at_its_rule() => AssertSingleError(
        """{"or": [{"map": [[1], {"var": ""}]}, true]}""", At + "/or/0", "condition.unknown-operator", "Operator 'map' is not supported.");

    [Fact]
    public void A_rule_object_with_two_operators_is_malformed() => AssertSingleError(
        """{"!": [{"==": [1, 1], "!=": [1, 2]}]}""", At + "/!/0", "condition.malformed", "A rule object must have exactly one operator, not 2.");

    [Fact]
    public void An_empty_rule_object_is_malformed() => AssertSingleError(
        "{}", At, "condition.malformed", "A rule object must have exactly one operator, not 0.");

    [Fact]
    public void An_operator_with_the_wrong_number_of_arguments_is_malformed_at_its_arguments() => AssertSingleError(
        """{"!": [true, false, true]}""", At + "/!", "condition.malformed", "Operator '!' takes 1 argument, not 3.");

    [Fact]
    public void The_arguments_of_a_malformed_operator_are_still_checked()
    {
        var errors = Errors("""{"==": [{"var": "prenom"}]}""");

        Assert.Equal(["condition.malformed", "condition.unknown-variable"], errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("""{"var": 3}""", "/var")]
    [InlineData("""{"var": [null, 0]}""", "/var/0")]
    [InlineData("""{"var": {"cat": ["a", "ge"]}}""", "/var")]
    public void A_variable_name_not_written_as_a_string_is_malformed(string rule, string pointer) => AssertSingleError(
        rule, At + pointer, "condition.malformed", "Operator 'var' takes variable names, written as strings.");

    [Fact]
    public void Var_of_the_whole_data_is_malformed() => AssertSingleError(
        """{"var": ""}""", At + "/var", "condition.malformed", "Operator 'var' needs a variable name; '' (the whole data) is not supported.");

    [Fact]
    public void Missing_with_names_after_an_array_is_malformed() => AssertSingleError(
        """{"missing": [["age"], "firstName"]}""", At + "/missing", "condition.malformed",
        "Operator 'missing' takes an array of variable names or the names themselves, not both.");

    [Fact]
    public void Missing_some_without_an_array_of_names_is_malformed() => AssertSingleError(
        """{"missing_some": [1, "age"]}""", At + "/missing_some/1", "condition.malformed",
        "Operator 'missing_some' takes an array of variable names after the number.");

    [Fact]
    public void Missing_some_needs_a_number_first() => AssertSingleError(
        """{"missing_some": ["un", ["age"]]}""", At + "/missing_some/0", "condition.type-mismatch",
        "Operator 'missing_some' first takes how many variables are needed, a number, not the text 'un'.");

    [Fact]
    public void Comparing_a_number_with_a_text_is_reported_at_the_text() => AssertSingleError(
        """{"==": [{"var": "age"}, "douze"]}""", At + "/==/1", "condition.type-mismatch",
        "Operator '==' cannot compare variable 'age' (number) with the text 'douze'.");

    [Fact]
    public void A_literal_written_before_the_variable_is_checked_against_the_variable() => AssertSingleError(
        """{"<": ["oui", {"var": "age"}]}""", At + "/</0", "condition.type-mismatch",
        "Operator '<' cannot compare variable 'age' (number) with the text 'oui'.");

    [Fact]
    public void Comparing_two_variables_of_different_types_is_reported_at_the_second() => AssertSingleError(
        """{"!==": [{"var": "firstName"}, {"var": "hasLawyer"}]}""", At + "/!==/1", "condition.type-mismatch",
        "Operator '!==' cannot compare variable 'firstName' (text) with variable 'hasLawyer' (boolean).");

    [Fact]
    public void Comparing_a_date_variable_with_a_text_variable_is_a_type_mismatch() => AssertSingleError(
        """{"==": [{"var": "birthDate"}, {"var": "firstName"}]}""", At + "/==/1", "condition.type-mismatch",
        "Operator '==' cannot compare variable 'birthDate' (date) with variable 'firstName' (text).");

    [Fact]
    public void Ordering_booleans_is_reported_at_each_boolean()
    {
        var errors = Errors("""{"<": [{"var": "hasLawyer"}, true]}""");

        Assert.Equal(
        [
            new(At + "/</0", "condition.type-mismatch", "Operator '<' cannot order variable 'hasLawyer' (boolean); it compares numbers, texts or dates."),
            new(At + "/</1", "condition.type-mismatch", "Operator '<' cannot order a boolean; it compares numbers, texts or dates."),
        ], errors);
    }

    [Fact]
    public void Ordering_with_null_is_a_type_mismatch() => AssertSingleError(
        """{">": [{"var": "age"}, null]}""", At + "/>/1", "condition.type-mismatch",
        "Operator '>' cannot order null; it compares numbers, texts or dates.");

    [Fact]
    public void Each_bound_of_a_between_is_checked() => AssertSingleError(
        """{"<": [0, {"var": "age"}, "18"]}""", At + "/</2", "condition.type-mismatch",
        "Operator '<' cannot compare variable 'age' (number) with the text '18'.");

    [Fact]
    public void Arithmetic_on_a_text_is_reported_at_the_text() => AssertSingleError(
        """{"+": [{"var": "firstName"}, 1]}""", At + "/+/0", "condition.type-mismatch",
        "Operator '+' computes with numbers, not variable 'firstName' (text).");

    [Fact]
    public void Operator_names_are_escaped_in_pointers() => AssertSingleError(
        """{">": [{"/": [{"var": "age"}, "2"]}, 3]}""", At + "/>/0/~1/1", "condition.type-mismatch",
        "Operator '/' computes with numbers, not the text '2'.");

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var errors = Errors("""{"or": [{"==": [{"var": "prenom"}, "Léa"]}, {"*": [{"var": "birthDate"}, 2]}, {"foo": 1}]}""");

        Assert.Equal([At + "/or/0/==/0/var", At + "/or/1/*/0", At + "/or/2"], errors.Select(e => e.Pointer));
    }

    [Fact]
    public void Comparing_a_choice_variable_with_an_undeclared_value_is_reported_at_the_literal() => AssertSingleError(
        """{"==": [{"var": "dangerLevel"}, "haut"]}""", At + "/==/1", "condition.unknown-choice",
        "'haut' is not a choice of variable 'dangerLevel'; allowed values: 'faible', 'moyen', 'élevé'.");

    [Fact]
    public void A_choice_literal_written_first_is_checked_too() => AssertSingleError(
        """{"!=": ["Élevé", {"var": "dangerLevel"}]}""", At + "/!=/0", "condition.unknown-choice",
        "'Élevé' is not a choice of variable 'dangerLevel'; allowed values: 'faible', 'moyen', 'élevé'.");

    [Fact]
    public void Each_undeclared_value_of_an_in_array_is_reported_at_its_literal() => AssertSingleError(
        """{"in": [{"var": "dangerLevel"}, ["moyen", "haut"]]}""", At + "/in/1/1", "condition.unknown-choice",
        "'haut' is not a choice of variable 'dangerLevel'; allowed values: 'faible', 'moyen', 'élevé'.");

    [Fact]
    public void The_default_of_a_choice_variable_must_be_one_of_its_choices() => AssertSingleError(
        """{"==": [{"var": ["dangerLevel", "aucun"]}, "faible"]}""", At + "/==/0/var/1", "condition.unknown-choice",
        "'aucun' is not a choice of variable 'dangerLevel'; allowed values: 'faible', 'moyen', 'élevé'.");

    [Fact]
    public void The_default_of_a_variable_must_have_its_type() => AssertSingleError(
        """{">": [{"var": ["age", "inconnu"]}, 12]}""", At + "/>/0/var/1", "condition.type-mismatch",
        "The default of variable 'age' (number) cannot be the text 'inconnu'.");

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2024-2-3")]
    [InlineData("30/09/2012")]
    [InlineData("2024-09-30T10:00:00Z")]
    public void Comparing_a_date_variable_with_a_malformed_date_is_reported_at_the_literal(string date) => AssertSingleError(
        $$"""{"<": [{"var": "birthDate"}, "{{date}}"]}""", At + "/</1", "condition.invalid-date",
        $"'{date}' is not a valid date written yyyy-MM-dd, so it cannot be compared with variable 'birthDate' (date).");

    [Fact]
    public void Each_bound_of_a_date_between_must_be_a_valid_date() => AssertSingleError(
        """{"<=": ["2008-01-01", {"var": "birthDate"}, "2024-13-01"]}""", At + "/<=/2", "condition.invalid-date",
        "'2024-13-01' is not a valid date written yyyy-MM-dd, so it cannot be compared with variable 'birthDate' (date).");

    [Fact]
    public void Comparing_a_date_with_a_number_is_a_type_mismatch() => AssertSingleError(
        """{">": [{"var": "birthDate"}, 2012]}""", At + "/>/1", "condition.type-mismatch",
        "Operator '>' cannot compare variable 'birthDate' (date) with a number.");

    [Fact]
    public void Looking_inside_a_number_is_a_type_mismatch() => AssertSingleError(
        """{"in": ["1", {"var": "age"}]}""", At + "/in/1", "condition.type-mismatch",
        "Operator 'in' looks inside a text or an array, not inside variable 'age' (number).");

    [Fact]
    public void Looking_for_a_number_inside_a_text_is_a_type_mismatch() => AssertSingleError(
        """{"in": [{"var": "age"}, "12 ans"]}""", At + "/in/0", "condition.type-mismatch",
        "Operator 'in' looks for a text inside the text '12 ans', not for variable 'age' (number).");

    [Fact]
    public void Cat_of_a_boolean_is_a_type_mismatch() => AssertSingleError(
        """{"cat": ["Avocat : ", {"var": "hasLawyer"}]}""", At + "/cat/1", "condition.type-mismatch",
        "Operator 'cat' joins texts, dates and numbers, not variable 'hasLawyer' (boolean).");

    [Fact]
    public void Substr_of_a_number_is_a_type_mismatch() => AssertSingleError(
        """{"substr": [{"var": "age"}, 0, 1]}""", At + "/substr/0", "condition.type-mismatch",
        "Operator 'substr' cuts a text or a date, not variable 'age' (number).");

    [Fact]
    public void Substr_bounds_must_be_numbers() => AssertSingleError(
        """{"substr": [{"var": "firstName"}, "0"]}""", At + "/substr/1", "condition.type-mismatch",
        "Operator 'substr' takes numbers for its start and length, not the text '0'.");
}
