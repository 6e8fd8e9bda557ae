using System.Security.Cryptography;

namespace Pathway.Host.Intake;

/// <summary>
/// New file ids: the year the file opened and eight random characters (<c>2026-7K3QX9PM</c>). Nothing in an id says
/// who the file is about, and ids cannot be guessed from one another: knowing one file gives no way to another.
/// </summary>
internal static class FileIds
{
    /// <summary>Digits and capitals, without the look-alikes 0/O, 1/I/L and U: ids are read out on the phone.</summary>
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    private const int RandomLength = 8;

    public static string New(int year) => $"{year:D4}-{RandomNumberGenerator.GetString(Alphabet, RandomLength)}";
}
