namespace Fingerprint.Hashing;

/// <summary>Culture-invariant hex helpers shared by the hash types.</summary>
internal static class HexDigit
{
    private const string Lower = "0123456789abcdef";

    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Writes 16 lower-case hex digits of <paramref name="word"/>, most significant first.</summary>
    public static void WriteWord(ulong word, Span<char> destination)
    {
        for (int i = 15; i >= 0; i--)
        {
            destination[i] = Lower[(int)(word & 0xF)];
            word >>= 4;
        }
    }

    /// <summary>A character as it can be shown in an error message.</summary>
    public static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
