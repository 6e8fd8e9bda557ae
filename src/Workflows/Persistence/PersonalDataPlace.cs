using System.Text;

namespace Pathway.Workflows.Persistence;

/// <summary>
/// Where a protected value lives: its column (<c>files.state</c>) and its row (the row's key, and the file it
/// belongs to when the key does not say). A value is encrypted bound to its place (AES-GCM associated data): copied
/// to another row or another column, it is refused like an altered value.
/// </summary>
/// <param name="Column">Table and column, as exceptions name it; never the value.</param>
/// <param name="Row">The row's identity, in the order <see cref="PersonalDataColumns"/> gives it.</param>
public readonly record struct PersonalDataPlace(string Column, IReadOnlyList<string> Row)
{
    /// <summary>The associated data: the format, the column and each part of the row, each part length-prefixed so
    /// that no two places give the same bytes (<c>("ab", "c")</c> and <c>("a", "bc")</c> differ).</summary>
    internal byte[] AssociatedData(string format)
    {
        var text = new StringBuilder(format).Append('|').Append(Column.Length).Append(':').Append(Column);
        foreach (var part in Row) text.Append('|').Append(part.Length).Append(':').Append(part);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public override string ToString() => Column;
}
