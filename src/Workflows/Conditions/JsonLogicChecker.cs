using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pathway.Workflows.ActivityModel;
using Pathway.Workflows.Definitions;
using Pathway.Workflows.Validation;

namespace Pathway.Workflows.Conditions;

/// <summary>
/// Type-checks JSON Logic rules against a definition's declared variables when it is published, so mistakes
/// show in the designer rather than as a wrong decision on a child's file. Every error points at the offending
/// node (RFC 6901). The rules:
/// <list type="bullet">
/// <item>Variables must be declared; operators must be supported and get the right number of arguments.</item>
/// <item>Comparisons and arithmetic are strict: both sides have the same type, except that a date compares with a
/// string literal written <c>yyyy-MM-dd</c>, a choice variable with one of its choices, and anything with
/// <c>null</c> (for <c>==</c> and the like). <c>&lt;</c> and friends order numbers, texts and dates only.</item>
/// <item>Pathway's date operators take dates (a date variable, a date operator, a literal <c>yyyy-MM-dd</c>) and
/// <c>date-add</c> a period such as <c>P1Y</c> or <c>-P8D</c>; <c>today</c> and <c>date-add</c> give a date,
/// <c>age-at</c> and <c>day-of-week</c> a number; <c>working-day</c> a boolean with one argument, and a date with a
/// second one, a whole number of working days.</item>
/// <item><c>and</c>, <c>or</c>, <c>!</c>, <c>!!</c> and <c>if</c> conditions take any type: that is JSON Logic's
/// truthiness, and intended.</item>
/// </list>
/// </summary>
public static class JsonLogicChecker
{
    private const string UnknownVariable = "condition.unknown-variable";
    private const string UnknownOperator = "condition.unknown-operator";
    private const string Malformed = "condition.malformed";
    private const string TypeMismatch = "condition.type-mismatch";
    private const string UnknownChoice = "condition.unknown-choice";
    private const string InvalidDate = "condition.invalid-date";
    private const string NotBoolean = "condition.not-boolean";
    private const string InvalidPeriod = "condition.invalid-period";
    private const string InvalidCount = "condition.invalid-count";

    /// <summary>The type of <paramref name="rule"/>, found at <paramref name="pointer"/> in the definition;
    /// problems are added to <paramref name="errors"/>.</summary>
    public static LogicType Infer(JsonNode? rule, IReadOnlyDictionary<string, VariableDefinition> variables, string pointer,
        ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(errors);
        return new Inference(variables, errors).Infer(rule, pointer).Type;
    }

    /// <summary>The problems of a condition. Pathway wants conditions to be booleans, although JSON Logic would
    /// accept any value: <c>{"var": "age"}</c> alone is most likely a mistake, <c>{"!!": {"var": "age"}}</c>
    /// says what it means.</summary>
    public static IReadOnlyList<ValidationError> CheckCondition(JsonNode? rule,
        IReadOnlyDictionary<string, VariableDefinition> variables, string pointer)
    {
        var errors = new List<ValidationError>();
        var type = Infer(rule, variables, pointer, errors);
        if (type is not (LogicType.Boolean or LogicType.Any))
            errors.Add(new ValidationError(pointer, NotBoolean,
                $"A condition must give true or false, but this one gives {Describe(new Typed(type))}; wrap it in '!!' to test whether it is truthy."));
        return errors;
    }

    /// <summary>Whether a value of type <paramref name="value"/> may be stored in <paramref name="target"/>.
    /// A date is a string, so it may go into a text or a choice variable; that a text is one of the choices
    /// cannot be told from its type.</summary>
    public static bool IsAssignable(LogicType value, VariableDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return value switch
        {
            LogicType.Any or LogicType.Null => true,
            LogicType.Boolean => target.Type == VariableType.Boolean,
            LogicType.Number => target.Type == VariableType.Number,
            LogicType.Text => target.Type is VariableType.Text or VariableType.Choice,
            LogicType.Date => target.Type is VariableType.Date or VariableType.Text or VariableType.Choice,
            LogicType.Array => target.Type == VariableType.List,
            _ => false,
        };
    }

    /// <summary>What is known of a node: its type, and for messages and choice or date checks, the variable it
    /// reads or the string it is written as.</summary>
    private readonly record struct Typed(LogicType Type, VariableDefinition? Variable = null, string? Literal = null);

    private readonly record struct Operand(Typed Typed, string Pointer);

    /// <summary>One operation: its arguments and where they are.</summary>
    private readonly record struct Call(string Name, JsonNode? Arguments, string Pointer)
    {
        public int Count => Operators.CountArguments(Arguments);
        public JsonNode? Node(int index) => Operators.Argument(Arguments, index);
        public string PointerOf(int index) => Arguments is JsonArray ? Item(Pointer, index) : Pointer;
    }

    private static readonly Typed Unknown = new(LogicType.Any);

    private sealed class Inference(IReadOnlyDictionary<string, VariableDefinition> variables, ICollection<ValidationError> errors)
    {
        public Typed Infer(JsonNode? node, string pointer) => node switch
        {
            null => new Typed(LogicType.Null),
            JsonObject operation => InferOperation(operation, pointer),
            JsonArray array => InferArray(array, pointer),
            _ => InferLiteral((JsonValue)node),
        };

        private Typed InferArray(JsonArray array, string pointer)
        {
            for (var i = 0; i < array.Count; i++) Infer(array[i], Item(pointer, i));
            return new Typed(LogicType.Array);
        }

        private static Typed InferLiteral(JsonValue value) => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>() is var text && IsIsoDate(text)
                ? new Typed(LogicType.Date, Literal: text)
                : new Typed(LogicType.Text, Literal: text),
            JsonValueKind.Number => new Typed(LogicType.Number),
            JsonValueKind.True or JsonValueKind.False => new Typed(LogicType.Boolean),
            JsonValueKind.Null => new Typed(LogicType.Null),
            _ => Unknown,
        };

        private Typed InferOperation(JsonObject operation, string pointer)
        {
            if (operation.Count != 1)
            {
                Report(pointer, Malformed, $"A rule object must have exactly one operator, not {operation.Count}.");
                return Unknown;
            }

            var (name, arguments) = operation.GetAt(0);
            if (!Operators.TryParse(name, out var op))
            {
                Report(pointer, UnknownOperator, $"Operator '{name}' is not supported.");
                return Unknown;
            }

            var call = new Call(name, arguments, pointer + "/" + Pointer.Escape(name));
            if (!Operators.Accepts(op, call.Count))
            {
                Report(call.Pointer, Malformed, Operators.ArityMessage(name, op, call.Count));
                for (var i = 0; i < call.Count; i++) Argument(call, i);
                return Unknown;
            }

            return op switch
            {
                Operator.Var => Var(call),
                Operator.Missing => Missing(call),
                Operator.MissingSome => MissingSome(call),
                Operator.If or Operator.Ternary => If(call),
                Operator.And or Operator.Or => Either(call),
                Operator.Not or Operator.Truthy => Truthiness(call),
                Operator.Equal or Operator.StrictEqual or Operator.NotEqual or Operator.StrictNotEqual => Compare(call, ordering: false),
                Operator.Greater or Operator.GreaterOrEqual or Operator.Less or Operator.LessOrEqual => Compare(call, ordering: true),
                Operator.Max or Operator.Min or Operator.Add or Operator.Subtract or Operator.Multiply
                    or Operator.Divide or Operator.Modulo => Arithmetic(call),
                Operator.In => In(call),
                Operator.Cat => Cat(call),
                Operator.Substr => Substr(call),
                Operator.Today => new Typed(LogicType.Date),
                Operator.DateAdd => DateAdd(call),
                Operator.AgeAt => Dated(call, LogicType.Number),
                Operator.DayOfWeek => Dated(call, LogicType.Number),
                Operator.WorkingDay => WorkingDay(call),
                _ => throw new UnreachableException($"Operator '{name}' has no type rule."),
            };
        }

        private Typed Argument(Call call, int index) => Infer(call.Node(index), call.PointerOf(index));

        /// <summary><c>!</c> and <c>!!</c> take any type: that is truthiness.</summary>
        private Typed Truthiness(Call call)
        {
            Argument(call, 0);
            return new Typed(LogicType.Boolean);
        }

        private Typed Var(Call call)
        {
            var variable = VariableNamed(call.Name, call.Node(0), call.PointerOf(0));
            if (call.Count == 2)
            {
                var fallback = Argument(call, 1);
                if (!Compatible(variable, fallback, call.PointerOf(1)))
                    Report(call.PointerOf(1), TypeMismatch, $"The default of {Describe(variable)} cannot be {Describe(fallback)}.");
            }

            return variable;
        }

        private Typed Missing(Call call)
        {
            if (call.Node(0) is JsonArray names)
            {
                // json-logic-js would silently ignore whatever follows the array.
                if (call.Count > 1)
                    Report(call.Pointer, Malformed, "Operator 'missing' takes an array of variable names or the names themselves, not both.");
                VariablesNamed(call.Name, names, call.PointerOf(0));
            }
            else
            {
                for (var i = 0; i < call.Count; i++) VariableNamed(call.Name, call.Node(i), call.PointerOf(i));
            }

            return new Typed(LogicType.Array);
        }

        private Typed MissingSome(Call call)
        {
            var needed = Argument(call, 0);
            if (needed.Type is not (LogicType.Number or LogicType.Any))
                Report(call.PointerOf(0), TypeMismatch,
                    $"Operator 'missing_some' first takes how many variables are needed, a number, not {Describe(needed)}.");
            if (call.Node(1) is JsonArray names)
                VariablesNamed(call.Name, names, call.PointerOf(1));
            else
                Report(call.PointerOf(1), Malformed, "Operator 'missing_some' takes an array of variable names after the number.");
            return new Typed(LogicType.Array);
        }

        private void VariablesNamed(string operatorName, JsonArray names, string pointer)
        {
            for (var i = 0; i < names.Count; i++) VariableNamed(operatorName, names[i], Item(pointer, i));
        }

        /// <summary>The variable a name written in the rule denotes.</summary>
        private Typed VariableNamed(string operatorName, JsonNode? node, string pointer)
        {
            if (node is not JsonValue value || !value.TryGetValue(out string? name))
            {
                Infer(node, pointer);
                Report(pointer, Malformed, $"Operator '{operatorName}' takes variable names, written as strings.");
                return Unknown;
            }

            if (name.Length == 0)
            {
                Report(pointer, Malformed, $"Operator '{operatorName}' needs a variable name; '' (the whole data) is not supported.");
                return Unknown;
            }

            if (!variables.TryGetValue(name, out var variable))
            {
                Report(pointer, UnknownVariable, $"Variable '{name}' is not declared.");
                return Unknown;
            }

            return new Typed(TypeOf(variable.Type), variable);
        }

        /// <summary>The type of the chosen branch: the same for all branches, or unknown. A missing "else" is null,
        /// which any type accepts.</summary>
        private Typed If(Call call)
        {
            var type = LogicType.Null;
            var i = 0;
            for (; i < call.Count - 1; i += 2)
            {
                Argument(call, i); // a condition, of any type: truthiness
                type = Join(type, Argument(call, i + 1).Type);
            }

            return new Typed(i < call.Count ? Join(type, Argument(call, i).Type) : type);
        }

        /// <summary><c>and</c> and <c>or</c> return one of their operands.</summary>
        private Typed Either(Call call)
        {
            var type = LogicType.Null;
            for (var i = 0; i < call.Count; i++) type = Join(type, Argument(call, i).Type);
            return new Typed(type);
        }

        private Typed Compare(Call call, bool ordering)
        {
            var operands = new Operand[call.Count];
            for (var i = 0; i < operands.Length; i++)
            {
                var operand = new Operand(Argument(call, i), call.PointerOf(i));
                if (ordering && operand.Typed.Type is LogicType.Boolean or LogicType.Null or LogicType.Array)
                {
                    Report(operand.Pointer, TypeMismatch,
                        $"Operator '{call.Name}' cannot order {Describe(operand.Typed)}; it compares numbers, texts or dates.");
                    operand = operand with { Typed = Unknown }; // reported once, not again against the others
                }

                operands[i] = operand;
            }

            CheckSameType(call.Name, operands);
            return new Typed(LogicType.Boolean);
        }

        /// <summary>Checks every operand against a reference: preferably a variable, so that string literals are
        /// checked as its choices or dates and messages name it; else an operation or a number, rather than a string
        /// literal, which could be a date or a text.</summary>
        private void CheckSameType(string operatorName, Operand[] operands)
        {
            var anchor = Array.FindIndex(operands, o => o.Typed.Variable is not null);
            if (anchor < 0) anchor = Array.FindIndex(operands, o => IsTyped(o) && o.Typed.Literal is null);
            if (anchor < 0) anchor = Array.FindIndex(operands, IsTyped);
            if (anchor < 0) return;

            var reference = operands[anchor].Typed;
            for (var i = 0; i < operands.Length; i++)
            {
                var operand = operands[i];
                if (i != anchor && !Compatible(reference, operand.Typed, operand.Pointer))
                    Report(operand.Pointer, TypeMismatch,
                        $"Operator '{operatorName}' cannot compare {Describe(reference)} with {Describe(operand.Typed)}.");
            }
        }

        private static bool IsTyped(Operand operand) => operand.Typed.Type is not (LogicType.Any or LogicType.Null);

        /// <summary>Whether <paramref name="operand"/> may be compared with <paramref name="reference"/>. A string
        /// literal that is not one of the reference's choices, or not a date, is reported here with its own code
        /// (and counts as compatible, so that it is reported once).</summary>
        private bool Compatible(Typed reference, Typed operand, string pointer)
        {
            if (reference.Type is LogicType.Any or LogicType.Null || operand.Type is LogicType.Any or LogicType.Null
                || reference.Literal is not null)
                return true;

            if (operand.Literal is not { } text)
                return operand.Type == reference.Type;

            if (reference.Variable is { Type: VariableType.Choice, Choices: { } choices })
            {
                if (!choices.Contains(text, StringComparer.Ordinal))
                    Report(pointer, UnknownChoice,
                        $"'{text}' is not a choice of variable '{reference.Variable.Name}'; allowed values: {string.Join(", ", choices.Select(c => $"'{c}'"))}.");
                return true;
            }

            if (reference.Type == LogicType.Date)
            {
                if (operand.Type != LogicType.Date)
                    Report(pointer, InvalidDate,
                        $"'{text}' is not a valid date written yyyy-MM-dd, so it cannot be compared with {Describe(reference)}.");
                return true;
            }

            return reference.Type == LogicType.Text;
        }

        private Typed Arithmetic(Call call)
        {
            for (var i = 0; i < call.Count; i++)
            {
                var operand = Argument(call, i);
                if (operand.Type is not (LogicType.Number or LogicType.Any))
                    Report(call.PointerOf(i), TypeMismatch, $"Operator '{call.Name}' computes with numbers, not {Describe(operand)}.");
            }

            return new Typed(LogicType.Number);
        }

        /// <summary>An item of an array (checked like <c>==</c> against each item of a written array) or a part of
        /// a text.</summary>
        private Typed In(Call call)
        {
            var needle = new Operand(Argument(call, 0), call.PointerOf(0));
            var haystackPointer = call.PointerOf(1);
            if (call.Node(1) is JsonArray items)
            {
                var operands = new Operand[items.Count + 1];
                operands[0] = needle;
                for (var i = 0; i < items.Count; i++)
                {
                    var itemPointer = Item(haystackPointer, i);
                    operands[i + 1] = new Operand(Infer(items[i], itemPointer), itemPointer);
                }

                CheckSameType(call.Name, operands);
                return new Typed(LogicType.Boolean);
            }

            var haystack = Infer(call.Node(1), haystackPointer);
            switch (haystack.Type)
            {
                case LogicType.Text or LogicType.Date:
                    if (needle.Typed.Type is not (LogicType.Text or LogicType.Date or LogicType.Any))
                        Report(needle.Pointer, TypeMismatch,
                            $"Operator 'in' looks for a text inside {Describe(haystack)}, not for {Describe(needle.Typed)}.");
                    break;
                case LogicType.Array or LogicType.Any:
                    break;
                default:
                    Report(haystackPointer, TypeMismatch, $"Operator 'in' looks inside a text or an array, not inside {Describe(haystack)}.");
                    break;
            }

            return new Typed(LogicType.Boolean);
        }

        private Typed Cat(Call call)
        {
            for (var i = 0; i < call.Count; i++)
            {
                var piece = Argument(call, i);
                if (piece.Type is not (LogicType.Text or LogicType.Date or LogicType.Number or LogicType.Any))
                    Report(call.PointerOf(i), TypeMismatch, $"Operator 'cat' joins texts, dates and numbers, not {Describe(piece)}.");
            }

            return new Typed(LogicType.Text);
        }

        private Typed Substr(Call call)
        {
            var source = Argument(call, 0);
            if (source.Type is not (LogicType.Text or LogicType.Date or LogicType.Any))
                Report(call.PointerOf(0), TypeMismatch, $"Operator 'substr' cuts a text or a date, not {Describe(source)}.");
            for (var i = 1; i < call.Count; i++)
            {
                var bound = Argument(call, i);
                if (bound.Type is not (LogicType.Number or LogicType.Any))
                    Report(call.PointerOf(i), TypeMismatch, $"Operator 'substr' takes numbers for its start and length, not {Describe(bound)}.");
            }

            return new Typed(LogicType.Text);
        }

        /// <summary>An operator all of whose arguments are dates.</summary>
        private Typed Dated(Call call, LogicType result)
        {
            for (var i = 0; i < call.Count; i++) ExpectDate(call, i);
            return new Typed(result);
        }

        private Typed DateAdd(Call call)
        {
            ExpectDate(call, 0);
            var period = Argument(call, 1);
            if (period.Literal is { } text)
            {
                if (!DateOperators.TryParsePeriod(text, out _))
                    Report(call.PointerOf(1), InvalidPeriod,
                        $"'{text}' is not an ISO 8601 period of days, weeks, months or years such as 'P1Y', 'P6M' or '-P8D'.");
            }
            else if (period.Type is not (LogicType.Text or LogicType.Any))
            {
                Report(call.PointerOf(1), TypeMismatch,
                    $"Operator 'date-add' adds a period such as 'P1Y' or '-P8D', not {Describe(period)}.");
            }

            return new Typed(LogicType.Date);
        }

        /// <summary><c>working-day</c>: is the date one (a boolean), or the n-th one from it (a date).</summary>
        private Typed WorkingDay(Call call)
        {
            ExpectDate(call, 0);
            if (call.Count == 1) return new Typed(LogicType.Boolean);
            var count = Argument(call, 1);
            if (count.Type is not (LogicType.Number or LogicType.Any))
                Report(call.PointerOf(1), TypeMismatch, $"Operator 'working-day' counts a number of working days, not {Describe(count)}.");
            else if (call.Node(1) is JsonValue literal && literal.TryGetValue(out double n) && !DateOperators.IsWholeCount(n))
                Report(call.PointerOf(1), InvalidCount,
                    $"Operator 'working-day' counts a whole number of working days, at most {DateOperators.MaxWorkingDays} either way, not {n.ToString(CultureInfo.InvariantCulture)}.");
            return new Typed(LogicType.Date);
        }

        private void ExpectDate(Call call, int index)
        {
            var operand = Argument(call, index);
            if (operand.Type is LogicType.Date or LogicType.Any) return;
            if (operand.Literal is { } text)
                Report(call.PointerOf(index), InvalidDate, $"'{text}' is not a valid date written yyyy-MM-dd, so operator '{call.Name}' cannot take it.");
            else
                Report(call.PointerOf(index), TypeMismatch, $"Operator '{call.Name}' takes a date, not {Describe(operand)}.");
        }

        private void Report(string pointer, string code, string message) => errors.Add(new ValidationError(pointer, code, message));
    }

    /// <summary>The type of a value that is one of two types. A date is a text too; null fits any type.</summary>
    private static LogicType Join(LogicType a, LogicType b) => (a, b) switch
    {
        _ when a == b => a,
        (LogicType.Null, _) => b,
        (_, LogicType.Null) => a,
        (LogicType.Text, LogicType.Date) or (LogicType.Date, LogicType.Text) => LogicType.Text,
        _ => LogicType.Any,
    };

    private static LogicType TypeOf(VariableType type) => type switch
    {
        VariableType.Number => LogicType.Number,
        VariableType.Boolean => LogicType.Boolean,
        VariableType.Date => LogicType.Date,
        VariableType.List => LogicType.Array,
        _ => LogicType.Text,
    };

    /// <summary>A node as messages name it: <c>variable 'age' (number)</c>, <c>the text 'haut'</c>, <c>a number</c>.</summary>
    private static string Describe(Typed typed)
    {
        if (typed.Variable is { } variable) return $"variable '{variable.Name}' ({TypeName(variable.Type)})";
        if (typed.Literal is { } text) return $"the text '{text}'";
        return typed.Type switch
        {
            LogicType.Null => "null",
            LogicType.Boolean => "a boolean",
            LogicType.Number => "a number",
            LogicType.Text => "a text",
            LogicType.Date => "a date",
            LogicType.Array => "an array",
            _ => "a value of unknown type",
        };
    }

    private static string TypeName(VariableType type) => type switch
    {
        VariableType.Text => "text",
        VariableType.Number => "number",
        VariableType.Boolean => "boolean",
        VariableType.Date => "date",
        VariableType.List => "list",
        _ => "choice",
    };

    private static string Item(string pointer, int index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>A real calendar date written <c>yyyy-MM-dd</c>, the only form date variables hold.</summary>
    private static bool IsIsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (i is not (4 or 7) && !char.IsAsciiDigit(text[i])) return false;
        }

        var year = int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(5, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(text.AsSpan(8, 2), CultureInfo.InvariantCulture);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }
}
