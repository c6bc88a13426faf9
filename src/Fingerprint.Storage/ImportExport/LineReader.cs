using System.Text;

namespace Fingerprint.Storage.ImportExport;

/// <summary>
/// Reads lines from a <see cref="TextReader"/> through a fixed buffer, with a length limit: an over-long line is
/// reported as <see cref="TextLine.TooLong"/> and skipped without being held in memory, so no input can exhaust it.
/// Line ends are "\n", "\r\n" or "\r" (as <see cref="TextReader.ReadLine"/>); a leading BOM is dropped. Lines can be
/// pushed back (format detection, CSV records that turn out malformed).
/// </summary>
internal sealed class LineReader
{
    private readonly TextReader _reader;
    private readonly int _maxLength;
    private readonly char[] _buffer = new char[32 * 1024];
    private readonly StringBuilder _line = new();
    private readonly Stack<TextLine> _pushedBack = new();
    private int _position, _count;
    private bool _endOfInput;
    private long _number;

    public LineReader(TextReader reader, int maxLength)
    {
        _reader = reader;
        _maxLength = maxLength;
    }

    public int MaxLength => _maxLength;

    /// <summary>Highest line number read so far.</summary>
    public long LinesRead => _number;

    /// <summary>The next line, or null at the end of the input.</summary>
    public async ValueTask<TextLine?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_pushedBack.TryPop(out TextLine pushed))
            return pushed;
        _line.Clear();
        bool tooLong = false;
        while (true)
        {
            if (_position == _count)
            {
                if (_endOfInput || !await FillAsync(cancellationToken))
                {
                    if (_line.Length == 0 && !tooLong)
                        return null;
                    return Finish(string.Empty, tooLong);
                }
            }
            int start = _position;
            int found = _buffer.AsSpan(start, _count - start).IndexOfAny('\n', '\r');
            int end = found < 0 ? -1 : start + found;
            int stop = end < 0 ? _count : end;
            if (!tooLong)
            {
                if (_line.Length + (stop - start) > _maxLength)
                {
                    tooLong = true;
                    _line.Clear();
                }
                else
                {
                    _line.Append(_buffer, start, stop - start);
                }
            }
            _position = stop;
            if (end < 0)
                continue;

            char c = _buffer[end];
            _position = end + 1;
            if (c == '\n')
                return Finish("\n", tooLong);
            // '\r': a following '\n' (possibly in the next buffer) belongs to the same line end.
            if (_position == _count && !_endOfInput)
                await FillAsync(cancellationToken);
            if (_position < _count && _buffer[_position] == '\n')
            {
                _position++;
                return Finish("\r\n", tooLong);
            }
            return Finish("\r", tooLong);
        }
    }

    /// <summary>Pushes lines back so they are read again, in the order given.</summary>
    public void Unread(IReadOnlyList<TextLine> lines)
    {
        for (int i = lines.Count - 1; i >= 0; i--)
            _pushedBack.Push(lines[i]);
    }

    public void Unread(TextLine line) => _pushedBack.Push(line);

    private TextLine Finish(string terminator, bool tooLong)
    {
        _number++;
        string text = tooLong ? string.Empty : _line.ToString();
        if (_number == 1 && text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        return new TextLine(_number, text, terminator, tooLong);
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_position < _count)
        {
            // Keep unread characters (only happens while peeking past a '\r').
            Array.Copy(_buffer, _position, _buffer, 0, _count - _position);
            _count -= _position;
            _position = 0;
        }
        else
        {
            _position = _count = 0;
        }
        int read = await _reader.ReadAsync(_buffer.AsMemory(_count), cancellationToken);
        if (read == 0)
        {
            _endOfInput = true;
            return _count > _position;
        }
        _count += read;
        return true;
    }
}
