using System.Diagnostics.CodeAnalysis;

namespace Fingerprint.Internal;

/// <summary>Throw sites kept out of hot methods (as dotnet/runtime and ImageSharp do), so callers stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgumentException_BufferTooSmall(string? paramName = null) =>
        throw new ArgumentException("The buffer is too small for the requested operation.", paramName);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowFormat(string message) => throw new FormatException(message);

    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);
}
