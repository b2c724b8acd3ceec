using System.Buffers;
using System.Text;

namespace CoPLive.Documents.Yjs;

/// <summary>Writes lib0's binary encoding (variable-length integers, length-prefixed bytes and strings) into a growing buffer.</summary>
public sealed class Lib0Writer
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public Lib0Writer(int initialCapacity = 64) => _buffer = new ArrayBufferWriter<byte>(Math.Max(initialCapacity, 16));

    public int Length => _buffer.WrittenCount;

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public Lib0Writer WriteUint8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public Lib0Writer WriteVarUint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
        return this;
    }

    public Lib0Writer WriteVarUint8Array(ReadOnlySpan<byte> bytes)
    {
        WriteVarUint((ulong)bytes.Length);
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
        return this;
    }

    public Lib0Writer WriteVarString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarUint((ulong)count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
