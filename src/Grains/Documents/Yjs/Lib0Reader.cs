using System.Text;
using System.Text.Unicode;

namespace CoPLive.Documents.Yjs;

/// <summary>
/// Reads lib0's binary encoding (what Yjs and y-protocols write): variable-length unsigned and signed integers,
/// length-prefixed byte arrays and UTF-8 strings. Every read checks the bounds and throws
/// <see cref="InvalidYjsUpdateException"/> instead of running past the end; integers beyond 2^53 (what JavaScript
/// numbers hold exactly) are refused as lib0 refuses them.
/// </summary>
public ref struct Lib0Reader
{
    /// <summary>The largest integer lib0 reads (<c>Number.MAX_SAFE_INTEGER</c>).</summary>
    public const ulong MaxSafeInteger = (1UL << 53) - 1;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public Lib0Reader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    /// <summary>Whether everything was read.</summary>
    public readonly bool AtEnd => _position == _bytes.Length;

    public readonly int Position => _position;

    public byte ReadUint8()
    {
        if (_position >= _bytes.Length)
        {
            throw Truncated();
        }

        return _bytes[_position++];
    }

    public ulong ReadVarUint()
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadUint8();
            if (shift >= 56)
            {
                throw new InvalidYjsUpdateException("An integer is longer than 53 bits.");
            }

            value |= (ulong)(b & 0x7f) << shift;
            shift += 7;
            if (b < 0x80)
            {
                break;
            }
        }

        return value <= MaxSafeInteger ? value : throw new InvalidYjsUpdateException("An integer is longer than 53 bits.");
    }

    public long ReadVarInt()
    {
        var b = ReadUint8();
        ulong value = (ulong)(b & 0x3f);
        var negative = (b & 0x40) != 0;
        var shift = 6;
        while (b >= 0x80)
        {
            b = ReadUint8();
            if (shift >= 55)
            {
                throw new InvalidYjsUpdateException("An integer is longer than 53 bits.");
            }

            value |= (ulong)(b & 0x7f) << shift;
            shift += 7;
        }

        if (value > MaxSafeInteger)
        {
            throw new InvalidYjsUpdateException("An integer is longer than 53 bits.");
        }

        return negative ? -(long)value : (long)value;
    }

    /// <summary>A varUint length followed by that many bytes.</summary>
    public ReadOnlySpan<byte> ReadVarUint8Array()
    {
        var length = ReadVarUint();
        return ReadBytes(length);
    }

    public ReadOnlySpan<byte> ReadBytes(ulong length)
    {
        if (length > (ulong)(_bytes.Length - _position))
        {
            throw Truncated();
        }

        var slice = _bytes.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    /// <summary>A length-prefixed UTF-8 string, as raw bytes; throws unless they are well-formed UTF-8.</summary>
    public ReadOnlySpan<byte> ReadVarStringBytes()
    {
        var bytes = ReadVarUint8Array();
        if (!Utf8.IsValid(bytes))
        {
            throw new InvalidYjsUpdateException("A string is not well-formed UTF-8.");
        }

        return bytes;
    }

    public string ReadVarString()
    {
        var bytes = ReadVarUint8Array();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidYjsUpdateException("A string is not well-formed UTF-8.", exception);
        }
    }

    private static InvalidYjsUpdateException Truncated() => new("The bytes end in the middle of a value.");
}
