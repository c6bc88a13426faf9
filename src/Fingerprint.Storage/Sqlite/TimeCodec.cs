namespace Fingerprint.Storage.Sqlite;

/// <summary>Times are stored as INTEGER microseconds since 1970-01-01T00:00:00Z (UTC); finer ticks are truncated toward the past.</summary>
internal static class TimeCodec
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static long ToMicros(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long micros = ticks / TicksPerMicrosecond;
        return ticks % TicksPerMicrosecond < 0 ? micros - 1 : micros;   // floor, for times before 1970
    }

    public static DateTimeOffset FromMicros(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + micros * TicksPerMicrosecond, TimeSpan.Zero);

    /// <summary><paramref name="time"/> as the store keeps it: UTC, microsecond precision.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time) => FromMicros(ToMicros(time));

    public static long NowMicros() => ToMicros(DateTimeOffset.UtcNow);
}
