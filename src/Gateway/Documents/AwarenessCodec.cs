using CoPLive.Documents.Yjs;

namespace CoPLive.Gateway.Documents;

/// <summary>The y-protocols awareness update encoding: a count, then per client its id, clock and JSON state.</summary>
public static class AwarenessCodec
{
    /// <exception cref="InvalidYjsUpdateException">The bytes are not an awareness update.</exception>
    public static List<AwarenessEntry> Decode(ReadOnlySpan<byte> update)
    {
        var reader = new Lib0Reader(update);
        var count = reader.ReadVarUint();
        var entries = new List<AwarenessEntry>((int)Math.Min(count, 1024));
        for (ulong i = 0; i < count; i++)
        {
            entries.Add(new AwarenessEntry(reader.ReadVarUint(), reader.ReadVarUint(), reader.ReadVarString()));
        }

        if (!reader.AtEnd)
        {
            throw new InvalidYjsUpdateException("Bytes follow the awareness update.");
        }

        return entries;
    }

    public static byte[] Encode(IReadOnlyCollection<AwarenessEntry> entries)
    {
        var writer = new Lib0Writer(16 + (entries.Count * 32));
        writer.WriteVarUint((ulong)entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteVarUint(entry.ClientId).WriteVarUint(entry.Clock).WriteVarString(entry.State);
        }

        return writer.ToArray();
    }
}
