using Fingerprint.TestUtilities;

namespace Fingerprint.Storage.Tests.ImportExport;

/// <summary>
/// A <see cref="TextReader"/> producing <c>hash&lt;TAB&gt;quality</c> lines from a seed on demand, so a million-line
/// import needs no file and no memory for its input; it can fail with an <see cref="IOException"/> after some lines.
/// </summary>
internal sealed class GeneratedHexReader : TextReader
{
    private readonly SplitMix64 _rng;
    private readonly int _count;
    private readonly int _failAfterLines;
    private readonly Action<int>? _onLine;
    private string _line = string.Empty;
    private int _position;
    private int _produced;

    public GeneratedHexReader(int count, ulong seed, int failAfterLines = int.MaxValue, Action<int>? onLine = null)
    {
        _rng = new SplitMix64(seed);
        _count = count;
        _failAfterLines = failAfterLines;
        _onLine = onLine;
    }

    public override int Read(Span<char> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_position == _line.Length)
            {
                if (_produced == _count)
                    break;
                if (_produced == _failAfterLines)
                    throw new IOException("simulated read failure");
                _produced++;
                _onLine?.Invoke(_produced);
                _line = $"{SyntheticHashes.Random(_rng)}\t{50 + _rng.NextInt(51)}\n";
                _position = 0;
            }
            int n = Math.Min(buffer.Length - written, _line.Length - _position);
            _line.AsSpan(_position, n).CopyTo(buffer[written..]);
            _position += n;
            written += n;
        }
        return written;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override int Peek() => -1;
}
