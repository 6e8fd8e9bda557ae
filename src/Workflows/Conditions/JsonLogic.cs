using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Pathway.Workflows.Runtime;

namespace Pathway.Workflows.Conditions;

/// <summary>
/// Evaluates JSON Logic (jsonlogic.com) rules over a file's variables. The designer previews the same rules with
/// json-logic-js, so on well-typed input (see <see cref="JsonLogicChecker"/>) results are the same.
/// <para>
/// Supported: literals (numbers, strings, booleans, null, arrays evaluated item by item); <c>var</c>,
/// <c>missing</c>, <c>missing_some</c>; <c>if</c>, <c>?:</c>, <c>and</c>, <c>or</c>, <c>!</c>, <c>!!</c>;
/// <c>==</c>, <c>===</c>, <c>!=</c>, <c>!==</c>; <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c> (and the
/// "between" forms <c>{"&lt;": [a, b, c]}</c>, <c>{"&lt;=": [a, b, c]}</c>); <c>max</c>, <c>min</c>, <c>+</c>,
/// <c>-</c>, <c>*</c>, <c>/</c>, <c>%</c>; <c>in</c> (substring or array item), <c>cat</c>, <c>substr</c>.
/// Pathway's own date operators (<see cref="DateOperators"/>; json-logic-js does not know them, so the designer
/// does not preview rules that use them): <c>{"today": []}</c>, the file's local date; <c>{"date-add": [date,
/// "P1Y"]}</c>; <c>{"age-at": [birthDate, date]}</c>, whole years; <c>{"day-of-week": [date]}</c>, 1 (Monday) to 7;
/// <c>{"working-day": [date]}</c>, whether it is a working day of the deployment's calendar, and <c>{"working-day":
/// [date, n]}</c>, the n-th working day after it (before it when n is negative).
/// Dates are strings <c>yyyy-MM-dd</c>, so <c>&lt;</c> and the like order them.
/// Not supported: <c>map</c>, <c>filter</c>, <c>reduce</c>, <c>all</c>, <c>some</c>, <c>none</c>, <c>merge</c>,
/// <c>log</c> and method calls.
/// </para>
/// <para>
/// Coercions follow JavaScript, as in json-logic-js: <c>==</c> converts a numeric string to a number, two
/// strings compare by UTF-16 code units (so ISO dates <c>yyyy-MM-dd</c> compare correctly as strings), a string
/// and a number compare as numbers, <c>+</c> uses <c>parseFloat</c>, <c>-</c> <c>Number()</c>.
/// </para>
/// Where Pathway deviates from json-logic-js, always on input the checker rejects or never produces:
/// <list type="bullet">
/// <item>An object with zero or several keys is an error, not a literal; so is a wrong number of arguments
/// (json-logic-js ignores extra ones and reads missing ones as <c>undefined</c>).</item>
/// <item><c>var</c> and <c>missing</c> take variable names written as non-empty strings, looked up as they are:
/// no <c>""</c> for the whole data, no numeric index, no dotted path.</item>
/// <item>A <c>var</c> default applies when the variable is unset (null); json-logic-js applies it only when the
/// key is absent, so the preview should leave unset variables out of its data.</item>
/// <item>Arrays and objects are never equal, even to themselves (JavaScript compares them by reference).</item>
/// <item>A result that is NaN or infinite comes back as null, as <c>JSON.stringify</c> would write it.</item>
/// </list>
/// </summary>
public static partial class JsonLogic
{
    /// <summary>Evaluates <paramref name="rule"/>; <paramref name="variable"/> gives a variable's current value,
    /// null when unset. The result is a new node, never one of the rule or of the variables.</summary>
    /// <exception cref="JsonLogicException">The rule is malformed or uses an unsupported operator.</exception>
    public static JsonNode? Evaluate(JsonNode? rule, Func<string, JsonNode?> variable) => Evaluate(rule, variable, budget: null);

    /// <summary>Evaluates <paramref name="rule"/>, charging each node visited (and the text it gives) to
    /// <paramref name="budget"/>: a node is visited at most once per evaluation, so a rule of n nodes costs at
    /// most n units plus its texts.</summary>
    /// <exception cref="JsonLogicException">The rule is malformed or uses an unsupported operator.</exception>
    /// <exception cref="StepBudgetExceededException">The budget ran out.</exception>
    public static JsonNode? Evaluate(JsonNode? rule, Func<string, JsonNode?> variable, StepBudget? budget) =>
        Evaluate(rule, variable, budget, today: null);

    /// <summary>Evaluates <paramref name="rule"/> on the day <paramref name="today"/>: the local date of the step on
    /// the deployment's calendar, which <c>{"today": []}</c> gives, and whose working days <c>working-day</c> counts.
    /// Without them, <c>today</c> and <c>working-day</c> are errors.</summary>
    /// <exception cref="JsonLogicException">The rule is malformed or uses an unsupported operator.</exception>
    /// <exception cref="StepBudgetExceededException">The budget ran out.</exception>
    public static JsonNode? Evaluate(JsonNode? rule, Func<string, JsonNode?> variable, StepBudget? budget, LocalDate? today,
        ActivityModel.DeploymentCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new Evaluation(variable, budget, today, calendar).Apply(rule).ToNode();
    }

    /// <summary>Whether <paramref name="rule"/> uses one of Pathway's own operators, which json-logic-js (the
    /// designer's preview) cannot evaluate.</summary>
    public static bool UsesPathwayOwnOperators(JsonNode? rule) => rule switch
    {
        JsonObject operation => operation.Any(p => (Operators.TryParse(p.Key, out var op) && Operators.IsPathwayOwn(op))
                                                   || UsesPathwayOwnOperators(p.Value)),
        JsonArray array => array.Any(UsesPathwayOwnOperators),
        _ => false,
    };

    /// <summary>JSON Logic truthiness: 0, NaN, "", [], null and false are falsy; everything else, "0"
    /// included, is truthy.</summary>
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject => true,
        _ => LogicValue.FromScalar((JsonValue)value).IsTruthy,
    };

    /// <summary>One evaluation: the file's variables, and the budget each node visited is charged to.</summary>
    private sealed class Evaluation(Func<string, JsonNode?> variable, StepBudget? budget, LocalDate? today,
        ActivityModel.DeploymentCalendar? calendar)
    {
        /// <summary>Every node of the rule is evaluated here, and charged here: one unit, plus the length of the
        /// text it gives, which later nodes may copy or scan.</summary>
        public LogicValue Apply(JsonNode? rule)
        {
            var value = rule switch
            {
                null => LogicValue.Null,
                JsonObject operation => Apply(operation),
                JsonArray array => ApplyItems(array),
                _ => LogicValue.FromScalar((JsonValue)rule),
            };
            budget?.ChargeLogicNode(value.Kind == LogicKind.Text ? value.AsText.Length : 0);
            return value;
        }

        private LogicValue ApplyItems(JsonArray array)
        {
            var items = new LogicValue[array.Count];
            for (var i = 0; i < items.Length; i++) items[i] = Apply(array[i]);
            return LogicValue.FromArray(items);
        }

        private LogicValue Apply(JsonObject operation)
        {
            if (operation.Count != 1)
                throw new JsonLogicException($"A rule object must have exactly one operator, not {operation.Count}.");
            var (name, arguments) = operation.GetAt(0);
            if (!Operators.TryParse(name, out var op))
                throw new JsonLogicException($"Operator '{name}' is not supported.");
            var count = Operators.CountArguments(arguments);
            if (!Operators.Accepts(op, count))
                throw new JsonLogicException(Operators.ArityMessage(name, op, count));

            LogicValue Argument(int index) => Apply(Operators.Argument(arguments, index));

            switch (op)
            {
                case Operator.Var:
                    return Var(arguments, count);
                case Operator.Missing:
                    return Missing(EvaluateAll(arguments, count));
                case Operator.MissingSome:
                    return MissingSome(Argument(0), Argument(1));
                case Operator.If or Operator.Ternary:
                    // Conditions and results alternate; an odd last argument is the "else".
                    var i = 0;
                    for (; i < count - 1; i += 2)
                    {
                        if (Argument(i).IsTruthy) return Argument(i + 1);
                    }

                    return i < count ? Argument(i) : LogicValue.Null;
                case Operator.And or Operator.Or:
                    // Short-circuits and returns the deciding operand itself, not a boolean.
                    var stopWhenTruthy = op == Operator.Or;
                    var current = LogicValue.Null;
                    for (var j = 0; j < count; j++)
                    {
                        current = Argument(j);
                        if (current.IsTruthy == stopWhenTruthy) break;
                    }

                    return current;
                case Operator.Not:
                    return LogicValue.FromBoolean(!Argument(0).IsTruthy);
                case Operator.Truthy:
                    return LogicValue.FromBoolean(Argument(0).IsTruthy);
                case Operator.Equal:
                    return LogicValue.FromBoolean(LogicValue.LooseEquals(Argument(0), Argument(1)));
                case Operator.StrictEqual:
                    return LogicValue.FromBoolean(LogicValue.StrictEquals(Argument(0), Argument(1)));
                case Operator.NotEqual:
                    return LogicValue.FromBoolean(!LogicValue.LooseEquals(Argument(0), Argument(1)));
                case Operator.StrictNotEqual:
                    return LogicValue.FromBoolean(!LogicValue.StrictEquals(Argument(0), Argument(1)));
                case Operator.Greater:
                    return LogicValue.FromBoolean(LogicValue.LessThan(Argument(1), Argument(0)) == true);
                case Operator.GreaterOrEqual:
                    return LogicValue.FromBoolean(LogicValue.LessThan(Argument(0), Argument(1)) == false);
                case Operator.Less or Operator.LessOrEqual:
                    return LogicValue.FromBoolean(Ordered(op, Argument(0), Argument(1), count == 3 ? Argument(2) : null));
                case Operator.Max or Operator.Min:
                    return LogicValue.FromNumber(Extremum(op, arguments, count));
                case Operator.Add:
                    var sum = 0d;
                    for (var j = 0; j < count; j++) sum += Argument(j).ParseFloat();
                    return LogicValue.FromNumber(sum);
                case Operator.Multiply:
                    // json-logic-js reduces without a seed: a single operand comes back as it is.
                    if (count == 1) return Argument(0);
                    var product = Argument(0).ParseFloat();
                    for (var j = 1; j < count; j++) product *= Argument(j).ParseFloat();
                    return LogicValue.FromNumber(product);
                case Operator.Subtract:
                    return LogicValue.FromNumber(count == 1
                        ? -Argument(0).ToNumber()
                        : Argument(0).ToNumber() - Argument(1).ToNumber());
                case Operator.Divide:
                    return LogicValue.FromNumber(Argument(0).ToNumber() / Argument(1).ToNumber());
                case Operator.Modulo:
                    // C#'s % on doubles is JavaScript's: the sign of the dividend, NaN for a zero divisor.
                    return LogicValue.FromNumber(Argument(0).ToNumber() % Argument(1).ToNumber());
                case Operator.In:
                    // The usual {"in": [{"var": "level"}, ["a", "b"]]} is searched as written, without building the array.
                    return LogicValue.FromBoolean(Operators.Argument(arguments, 1) is JsonArray items
                        ? IsWrittenIn(Argument(0), items)
                        : In(Argument(0), Argument(1)));
                case Operator.Cat:
                    var text = new StringBuilder();
                    for (var j = 0; j < count; j++)
                    {
                        // Array.prototype.join, which json-logic-js uses, writes null as nothing.
                        var piece = Argument(j);
                        if (piece.Kind != LogicKind.Null) text.Append(piece.ToJavaScriptString());
                    }

                    return LogicValue.FromText(text.ToString());
                case Operator.Substr:
                    return LogicValue.FromText(Substr(Argument(0), Argument(1), count == 3 ? Argument(2) : null));
                case Operator.Today:
                    return LogicValue.FromText(DateOperators.Format(today
                        ?? throw new JsonLogicException("Operator 'today' needs the step's date, which this evaluation has not.")));
                case Operator.DateAdd:
                    return DateOperators.Add(TextOf(Argument(0)), TextOf(Argument(1))) is { } moved ? LogicValue.FromText(moved) : LogicValue.Null;
                case Operator.AgeAt:
                    return DateOperators.AgeAt(TextOf(Argument(0)), TextOf(Argument(1))) is { } age ? LogicValue.FromNumber(age) : LogicValue.Null;
                case Operator.DayOfWeek:
                    return DateOperators.DayOfWeek(TextOf(Argument(0))) is { } day ? LogicValue.FromNumber(day) : LogicValue.Null;
                case Operator.WorkingDay:
                    var workingDays = calendar
                        ?? throw new JsonLogicException("Operator 'working-day' needs the deployment's calendar, which this evaluation has not.");
                    var from = TextOf(Argument(0));
                    if (count == 1)
                        return DateOperators.IsWorkingDay(from, workingDays) is { } working ? LogicValue.FromBoolean(working) : LogicValue.Null;
                    var shift = Argument(1);
                    return DateOperators.AddWorkingDays(from, shift.Kind == LogicKind.Number ? shift.ToNumber() : null, workingDays) is { } nth
                        ? LogicValue.FromText(nth) : LogicValue.Null;
                default:
                    throw new UnreachableException($"Operator '{name}' has no evaluation.");
            }
        }

        private static string? TextOf(LogicValue value) => value.Kind == LogicKind.Text ? value.AsText : null;

        private LogicValue Var(JsonNode? arguments, int count)
        {
            if (Operators.Argument(arguments, 0) is not JsonValue nameNode || !nameNode.TryGetValue(out string? name))
                throw new JsonLogicException("Operator 'var' takes the name of a variable, written as a string.");
            if (name.Length == 0)
                throw new JsonLogicException("Operator 'var' needs a variable name; '' (the whole data) is not supported.");
            var value = LogicValue.FromData(variable(name));
            return value.Kind == LogicKind.Null && count == 2 ? Apply(Operators.Argument(arguments, 1)) : value;
        }

        private LogicValue[] EvaluateAll(JsonNode? arguments, int count)
        {
            var values = new LogicValue[count];
            for (var i = 0; i < count; i++) values[i] = Apply(Operators.Argument(arguments, i));
            return values;
        }

        /// <summary>The names whose variable is unset or an empty string. Like json-logic-js, the names are the
        /// arguments, or the first argument when it is an array.</summary>
        private LogicValue Missing(LogicValue[] arguments)
        {
            var names = arguments is [{ Kind: LogicKind.Array } first, ..] ? first.AsArray : arguments;
            var missing = new List<LogicValue>();
            foreach (var name in names)
            {
                if (name.Kind != LogicKind.Text || name.AsText.Length == 0)
                    throw new JsonLogicException("Operator 'missing' takes variable names, written as non-empty strings.");
                var value = LogicValue.FromData(variable(name.AsText));
                if (value.Kind == LogicKind.Null || (value.Kind == LogicKind.Text && value.AsText.Length == 0))
                    missing.Add(name);
            }

            return LogicValue.FromArray(missing.ToArray());
        }

        /// <summary>Nothing when at least <paramref name="needed"/> of the names are set, else the missing ones.</summary>
        private LogicValue MissingSome(LogicValue needed, LogicValue names)
        {
            if (names.Kind != LogicKind.Array)
                throw new JsonLogicException("Operator 'missing_some' takes a number then an array of variable names.");
            var missing = Missing(names.AsArray);
            var present = LogicValue.FromNumber(names.AsArray.Length - missing.AsArray.Length);
            return LogicValue.LessThan(present, needed) == false ? LogicValue.FromArray([]) : missing;
        }

        /// <summary><c>Math.max</c> and <c>Math.min</c>: NaN as soon as one operand is not a number.</summary>
        private double Extremum(Operator op, JsonNode? arguments, int count)
        {
            var result = op == Operator.Max ? double.NegativeInfinity : double.PositiveInfinity;
            for (var i = 0; i < count; i++)
            {
                var number = Apply(Operators.Argument(arguments, i)).ToNumber();
                if (double.IsNaN(number)) return double.NaN;
                result = op == Operator.Max ? Math.Max(result, number) : Math.Min(result, number);
            }

            return result;
        }

        private bool IsWrittenIn(LogicValue needle, JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (LogicValue.StrictEquals(needle, Apply(items[i]))) return true;
            }

            return false;
        }

        /// <summary>A substring of a string, or an item of an array (compared with <c>===</c>).</summary>
        private bool In(LogicValue needle, LogicValue haystack)
        {
            switch (haystack.Kind)
            {
                case LogicKind.Text:
                    // json-logic-js returns false for an empty haystack before searching it.
                    var text = haystack.AsText;
                    if (text.Length == 0) return false;
                    var searched = needle.ToJavaScriptString();
                    budget?.ChargeTextSearch(text.Length, searched.Length);
                    return text.Contains(searched, StringComparison.Ordinal);
                case LogicKind.Array:
                    foreach (var item in haystack.AsArray)
                    {
                        if (LogicValue.StrictEquals(needle, item)) return true;
                    }

                    return false;
                default:
                    return false;
            }
        }
    }

    /// <summary><c>a &lt; b</c>, <c>a &lt;= b</c>, or with a third operand, whether <c>b</c> lies between
    /// <c>a</c> and <c>c</c>.</summary>
    private static bool Ordered(Operator op, LogicValue a, LogicValue b, LogicValue? c)
    {
        // a <= b is "not (b < a)", except that an undefined comparison (NaN) is false either way.
        bool InOrder(LogicValue x, LogicValue y) =>
            op == Operator.Less ? LogicValue.LessThan(x, y) == true : LogicValue.LessThan(y, x) == false;
        return InOrder(a, b) && (c is not { } upper || InOrder(b, upper));
    }

    /// <summary>json-logic-js's <c>substr</c>: JavaScript's <c>String.prototype.substr(start, length)</c>, where a
    /// negative start counts from the end and a negative length leaves that many characters off the end.</summary>
    private static string Substr(LogicValue source, LogicValue start, LogicValue? length)
    {
        var text = source.ToJavaScriptString();
        var from = ToIntegerOrInfinity(start.ToNumber());
        from = from < 0 ? Math.Max(text.Length + from, 0) : Math.Min(from, text.Length);
        var rest = text.Length - (int)from;
        if (length is not { } given) return text.Substring((int)from, rest);
        var wanted = ToIntegerOrInfinity(given.ToNumber());
        var take = wanted < 0 ? Math.Max(rest + wanted, 0) : Math.Min(wanted, rest);
        return text.Substring((int)from, (int)take);
    }

    private static double ToIntegerOrInfinity(double number) => double.IsNaN(number) ? 0 : Math.Truncate(number);
}
