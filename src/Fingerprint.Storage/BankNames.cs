using System.Diagnostics.CodeAnalysis;

namespace Fingerprint.Storage;

/// <summary>
/// Bank name rules: 1 to 64 characters, ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.
/// Names are unique among live banks ignoring ASCII case, so "CSAM" and "csam" cannot both exist.
/// </summary>
public static class BankNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) => Validate(name) is null;

    /// <summary>Null when <paramref name="name"/> is valid, else the reason.</summary>
    public static string? Validate([NotNullWhen(false)] string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "a bank name is required";
        if (name.Length > MaxLength)
            return $"a bank name has at most {MaxLength} characters; got {name.Length}";
        if (!char.IsAsciiLetterOrDigit(name[0]))
            return $"a bank name starts with a letter or digit; got '{Printable(name[0])}'";
        for (int i = 1; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
                return $"'{Printable(c)}' at position {i + 1} is not allowed in a bank name (letters, digits, '.', '_', '-')";
        }
        return null;
    }

    internal static void ThrowIfInvalid(string? name, string paramName)
    {
        string? error = Validate(name);
        if (error is not null)
            throw new ArgumentException($"Invalid bank name '{name}': {error}.", paramName);
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
