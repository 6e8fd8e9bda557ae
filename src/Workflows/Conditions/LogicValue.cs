using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pathway.Workflows.Conditions;

internal enum LogicKind : byte { Null, Boolean, Number, Text, Array, Object }

/// <summary>
/// A value during evaluation. Intermediate results stay in this struct instead of <see cref="JsonNode"/>s, so
/// evaluating a rule allocates little and never touches the nodes of the rule or of the variables. It also
/// carries JavaScript's coercions, which json-logic-js inherits.
/// </summary>
internal readonly struct LogicValue
{
    private readonly double _number;
    private readonly object? _reference; // string, LogicValue[] or (for data only) JsonObject

    private LogicValue(LogicKind kind, double number, object? reference)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
    }

    public LogicKind Kind { get; }

    public static LogicValue Null => default;
    public static LogicValue True { get; } = new(LogicKind.Boolean, 1, null);
    public static LogicValue False { get; } = new(LogicKind.Boolean, 0, null);

    public static LogicValue FromBoolean(bool value) => value ? True : False;
    public static LogicValue FromNumber(double value) => new(LogicKind.Number, value, null);
    public static LogicValue FromText(string value) => new(LogicKind.Text, 0, value);
    public static LogicValue FromArray(LogicValue[] items) => new(LogicKind.Array, 0, items);

    public bool AsBoolean => _number != 0;
    public double AsNumber => _number;
    public string AsText => (string)_reference!;
    public LogicValue[] AsArray => (LogicValue[])_reference!;

    /// <summary>A variable's value. Unlike in a rule, an object here is data, not an operation.</summary>
    public static LogicValue FromData(JsonNode? node) => node switch
    {
        null => Null,
        JsonObject data => new(LogicKind.Object, 0, data),
        JsonArray array => FromArray(array),
        _ => FromScalar((JsonValue)node),
    };

    private static LogicValue FromArray(JsonArray array)
    {
        var items = new LogicValue[array.Count];
        for (var i = 0; i < items.Length; i++) items[i] = FromData(array[i]);
        return FromArray(items);
    }

    public static LogicValue FromScalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Null => Null,
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Number => FromNumber(ReadNumber(value)),
        JsonValueKind.String => FromText(value.GetValue<string>()),
        // Only a JsonValue wrapping a JsonElement object or array gets here; JsonNode.Parse never builds one.
        _ => throw new JsonLogicException("A JSON value wraps an object or an array; use JsonObject or JsonArray instead."),
    };

    private static double ReadNumber(JsonValue value)
    {
        // Parsed numbers are JsonElements and read as double directly; numbers created in code keep their
        // CLR type, which TryGetValue does not convert.
        if (value.TryGetValue(out double number)) return number;
        if (value.TryGetValue(out int integer)) return integer;
        if (value.TryGetValue(out long big)) return big;
        return double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
    }

    /// <summary>A fresh node; JSON has no NaN nor infinities, so they become null, as with <c>JSON.stringify</c>.</summary>
    public JsonNode? ToNode() => Kind switch
    {
        LogicKind.Null => null,
        LogicKind.Boolean => JsonValue.Create(AsBoolean),
        LogicKind.Number => double.IsFinite(_number) ? JsonValue.Create(_number == 0 ? 0d : _number) : null,
        LogicKind.Text => JsonValue.Create(AsText),
        LogicKind.Array => ToNode(AsArray),
        _ => ((JsonObject)_reference!).DeepClone(),
    };

    private static JsonArray ToNode(LogicValue[] items)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(item.ToNode());
        return array;
    }

    /// <summary>JSON Logic truthiness: like JavaScript, except that an empty array is falsy.</summary>
    public bool IsTruthy => Kind switch
    {
        LogicKind.Null => false,
        LogicKind.Boolean => AsBoolean,
        LogicKind.Number => _number != 0 && !double.IsNaN(_number),
        LogicKind.Text => AsText.Length > 0,
        LogicKind.Array => AsArray.Length > 0,
        _ => true,
    };

    /// <summary>JavaScript's <c>String(value)</c>.</summary>
    public string ToJavaScriptString() => Kind switch
    {
        LogicKind.Null => "null",
        LogicKind.Boolean => AsBoolean ? "true" : "false",
        LogicKind.Number => JavaScript.FormatNumber(_number),
        LogicKind.Text => AsText,
        LogicKind.Array => Join(AsArray),
        _ => "[object Object]",
    };

    /// <summary><c>Array.prototype.join</c>: items separated by commas, null items empty.</summary>
    private static string Join(LogicValue[] items)
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0) text.Append(',');
            if (items[i].Kind != LogicKind.Null) text.Append(items[i].ToJavaScriptString());
        }

        return text.ToString();
    }

    /// <summary>JavaScript's <c>Number(value)</c>.</summary>
    public double ToNumber() => Kind switch
    {
        LogicKind.Null => 0,
        LogicKind.Boolean or LogicKind.Number => _number,
        LogicKind.Text => JavaScript.ToNumber(AsText),
        _ => JavaScript.ToNumber(ToJavaScriptString()),
    };

    /// <summary>JavaScript's <c>parseFloat(value)</c>.</summary>
    public double ParseFloat() => Kind == LogicKind.Number ? _number : JavaScript.ParseFloat(ToJavaScriptString());

    /// <summary>JavaScript's <c>ToPrimitive</c>: arrays and objects become their string.</summary>
    private LogicValue ToPrimitive() => Kind is LogicKind.Array or LogicKind.Object ? FromText(ToJavaScriptString()) : this;

    /// <summary>JavaScript's <c>===</c>. Arrays and objects are never equal: JavaScript compares them by
    /// reference, and every evaluation builds new ones.</summary>
    public static bool StrictEquals(LogicValue a, LogicValue b) => a.Kind == b.Kind && a.Kind switch
    {
        LogicKind.Null => true,
        LogicKind.Boolean or LogicKind.Number => a._number == b._number,
        LogicKind.Text => string.Equals(a.AsText, b.AsText, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>JavaScript's <c>==</c> (IsLooselyEqual): null equals only null; otherwise booleans become
    /// numbers, arrays become strings, and a string compared with a number becomes a number.</summary>
    public static bool LooseEquals(LogicValue a, LogicValue b)
    {
        if (a.Kind == b.Kind) return StrictEquals(a, b);
        if (a.Kind == LogicKind.Null || b.Kind == LogicKind.Null) return false;
        if (a.Kind == LogicKind.Boolean) return LooseEquals(FromNumber(a._number), b);
        if (b.Kind == LogicKind.Boolean) return LooseEquals(a, FromNumber(b._number));
        if (a.Kind is LogicKind.Array or LogicKind.Object && b.Kind is LogicKind.Array or LogicKind.Object) return false;
        if (a.Kind is LogicKind.Array or LogicKind.Object) return LooseEquals(a.ToPrimitive(), b);
        if (b.Kind is LogicKind.Array or LogicKind.Object) return LooseEquals(a, b.ToPrimitive());
        return a.ToNumber() == b.ToNumber(); // one number, one string
    }

    /// <summary>JavaScript's <c>a &lt; b</c> (IsLessThan): two strings compare by UTF-16 code units, which orders
    /// ISO dates correctly; anything else compares as numbers. Null means "undefined" (a NaN was involved), which
    /// makes every comparison false.</summary>
    public static bool? LessThan(LogicValue a, LogicValue b)
    {
        var left = a.ToPrimitive();
        var right = b.ToPrimitive();
        if (left.Kind == LogicKind.Text && right.Kind == LogicKind.Text)
            return string.CompareOrdinal(left.AsText, right.AsText) < 0;
        var x = left.ToNumber();
        var y = right.ToNumber();
        return double.IsNaN(x) || double.IsNaN(y) ? null : x < y;
    }
}
