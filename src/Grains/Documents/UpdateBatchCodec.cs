using CoPLive.Documents.Yjs;

namespace CoPLive.Documents;

/// <summary>How a batch of updates is stored in one log row: each update as a lib0 length-prefixed byte array, back to back.</summary>
public static class UpdateBatchCodec
{
    public static byte[] Encode(IReadOnlyList<byte[]> updates)
    {
        var writer = new Lib0Writer(updates.Sum(u => u.Length + 3));
        foreach (var update in updates)
        {
            writer.WriteVarUint8Array(update);
        }

        return writer.ToArray();
    }

    /// <summary>The updates of a row whose first is at <paramref name="firstSeq"/>.</summary>
    public static IEnumerable<StoredUpdate> Decode(long firstSeq, byte[] payload)
    {
        List<StoredUpdate> updates = [];
        var reader = new Lib0Reader(payload);
        var seq = firstSeq;
        while (!reader.AtEnd)
        {
            updates.Add(new StoredUpdate(seq++, reader.ReadVarUint8Array().ToArray()));
        }

        return updates;
    }
}
