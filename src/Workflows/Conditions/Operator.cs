using System.Text.Json.Nodes;

namespace Pathway.Workflows.Conditions;

/// <summary>The JSON Logic operators Pathway supports.</summary>
internal enum Operator
{
    Var, Missing, MissingSome,
    If, Ternary, And, Or, Not, Truthy,
    Equal, StrictEqual, NotEqual, StrictNotEqual,
    Greater, GreaterOrEqual, Less, LessOrEqual,
    Max, Min, Add, Subtract, Multiply, Divide, Modulo,
    In, Cat, Substr,
    // Pathway's own operators: dates on the deployment's calendar. json-logic-js does not know them.
    Today, DateAdd, AgeAt, DayOfWeek, WorkingDay,
}

/// <summary>
/// What the evaluator and the checker share about operators: their names and how many arguments they take.
/// Both enforce the same arity, so a rule the checker accepts never fails at evaluation for its shape.
/// </summary>
internal static class Operators
{
    private const int Many = int.MaxValue;

    public static bool TryParse(string name, out Operator op)
    {
        Operator? parsed = name switch
        {
            "var" => Operator.Var,
            "missing" => Operator.Missing,
            "missing_some" => Operator.MissingSome,
            "if" => Operator.If,
            "?:" => Operator.Ternary,
            "and" => Operator.And,
            "or" => Operator.Or,
            "!" => Operator.Not,
            "!!" => Operator.Truthy,
            "==" => Operator.Equal,
            "===" => Operator.StrictEqual,
            "!=" => Operator.NotEqual,
            "!==" => Operator.StrictNotEqual,
            ">" => Operator.Greater,
            ">=" => Operator.GreaterOrEqual,
            "<" => Operator.Less,
            "<=" => Operator.LessOrEqual,
            "max" => Operator.Max,
            "min" => Operator.Min,
            "+" => Operator.Add,
            "-" => Operator.Subtract,
            "*" => Operator.Multiply,
            "/" => Operator.Divide,
            "%" => Operator.Modulo,
            "in" => Operator.In,
            "cat" => Operator.Cat,
            "substr" => Operator.Substr,
            "today" => Operator.Today,
            "date-add" => Operator.DateAdd,
            "age-at" => Operator.AgeAt,
            "day-of-week" => Operator.DayOfWeek,
            "working-day" => Operator.WorkingDay,
            _ => null,
        };
        op = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>json-logic-js ignores extra arguments and reads missing ones as <c>undefined</c>; Pathway
    /// rejects both, since they are always mistakes in a definition.</summary>
    private static (int Min, int Max) Arity(Operator op) => op switch
    {
        Operator.Var => (1, 2),
        Operator.MissingSome => (2, 2),
        Operator.If => (2, Many),
        Operator.Ternary => (3, 3),
        Operator.Not or Operator.Truthy => (1, 1),
        Operator.Equal or Operator.StrictEqual or Operator.NotEqual or Operator.StrictNotEqual => (2, 2),
        Operator.Greater or Operator.GreaterOrEqual => (2, 2),
        Operator.Less or Operator.LessOrEqual => (2, 3),
        Operator.Subtract => (1, 2),
        Operator.Divide or Operator.Modulo => (2, 2),
        Operator.In => (2, 2),
        Operator.Substr => (2, 3),
        Operator.Today => (0, 0),
        Operator.DateAdd or Operator.AgeAt => (2, 2),
        Operator.DayOfWeek => (1, 1),
        Operator.WorkingDay => (1, 2),
        _ => (1, Many),
    };

    /// <summary>Operators Pathway adds to JSON Logic (dates): json-logic-js does not know them, so the designer's
    /// preview cannot evaluate a rule that uses one, and the agreement tests leave them out.</summary>
    public static bool IsPathwayOwn(Operator op) =>
        op is Operator.Today or Operator.DateAdd or Operator.AgeAt or Operator.DayOfWeek or Operator.WorkingDay;

    public static bool Accepts(Operator op, int count)
    {
        var (min, max) = Arity(op);
        return count >= min && count <= max;
    }

    public static string ArityMessage(string name, Operator op, int count)
    {
        var (min, max) = Arity(op);
        var expected = min == max ? Arguments(min)
            : max == Many ? "at least " + Arguments(min)
            : $"{min} or {Arguments(max)}";
        return $"Operator '{name}' takes {expected}, not {count}.";
    }

    private static string Arguments(int count) => count == 1 ? "1 argument" : $"{count} arguments";

    /// <summary>Like json-logic-js, a single argument may be written without the surrounding array:
    /// <c>{"var": "age"}</c> is <c>{"var": ["age"]}</c>.</summary>
    public static int CountArguments(JsonNode? arguments) => arguments is JsonArray list ? list.Count : 1;

    public static JsonNode? Argument(JsonNode? arguments, int index) => arguments is JsonArray list ? list[index] : arguments;
}
