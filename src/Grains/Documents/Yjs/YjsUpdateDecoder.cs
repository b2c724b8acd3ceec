using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CoPLive.Documents.Yjs;

/// <summary>
/// A decoder of the Yjs update format v1 in C#, for the relay's hot path: it walks every struct (GC, skip, item
/// with each kind of content, including JSON and lib0 "any" values) and the delete set exactly as Yjs'
/// <c>readUpdate</c> reads them, and refuses bytes that Yjs could not read (truncated, unknown struct or content kinds,
/// integers beyond 2^53, malformed UTF-8 or JSON, trailing bytes, empty items). No V8 call per update.
/// </summary>
/// <remarks>
/// It checks the encoding, not the meaning: an update whose items name parents or origins a document does not have yet
/// is well-formed, and Yjs keeps it pending until they arrive, as it does for any client. Nested "any" values deeper
/// than <see cref="MaxAnyDepth"/> are refused (a bound on the stack; Yjs clients never nest that deep).
/// </remarks>
public static class YjsUpdateDecoder
{
    /// <summary>How deeply lib0 "any" values (arrays and objects in map entries) may nest.</summary>
    public const int MaxAnyDepth = 64;

    /// <summary>Throws <see cref="InvalidYjsUpdateException"/> unless <paramref name="update"/> is exactly one well-formed update.</summary>
    public static void Validate(ReadOnlySpan<byte> update) => Decode(update, null);

    /// <summary>
    /// Validates <paramref name="update"/> and records in <paramref name="state"/> the ranges of clocks it holds
    /// (for the server's state vector). Nothing is recorded if the update is refused.
    /// </summary>
    /// <remarks>
    /// Compiled optimized at once rather than tiered: a document's activation decodes its whole snapshot (311 KB for
    /// the automerge-paper trace) on the cold-open path, where tier-0 code is slow.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> update, YjsStateVector? state)
    {
        List<(ulong Client, ulong Start, ulong End)>? ranges = state is null ? null : [];
        var reader = new Lib0Reader(update);
        var sections = reader.ReadVarUint();
        for (ulong s = 0; s < sections; s++)
        {
            var structs = reader.ReadVarUint();
            var client = reader.ReadVarUint();
            var clock = reader.ReadVarUint();
            var rangeStart = clock;
            for (ulong i = 0; i < structs; i++)
            {
                var info = reader.ReadUint8();
                ulong length;
                var skip = false;
                switch (info & 0x1f)
                {
                    case 0:
                        length = reader.ReadVarUint();
                        break;
                    case 10:
                        length = reader.ReadVarUint();
                        skip = true;
                        break;
                    default:
                        length = ReadItem(ref reader, info);
                        break;
                }

                if (length == 0)
                {
                    throw new InvalidYjsUpdateException("A struct has length 0.");
                }

                if (skip && ranges is not null && clock > rangeStart)
                {
                    ranges.Add((client, rangeStart, clock));
                }

                clock += length;
                if (clock > Lib0Reader.MaxSafeInteger)
                {
                    throw new InvalidYjsUpdateException("A clock is beyond 2^53.");
                }

                if (skip)
                {
                    rangeStart = clock;
                }
            }

            if (ranges is not null && clock > rangeStart)
            {
                ranges.Add((client, rangeStart, clock));
            }
        }

        var deleteClients = reader.ReadVarUint();
        for (ulong c = 0; c < deleteClients; c++)
        {
            reader.ReadVarUint();
            var deletes = reader.ReadVarUint();
            for (ulong d = 0; d < deletes; d++)
            {
                reader.ReadVarUint();
                reader.ReadVarUint();
            }
        }

        if (!reader.AtEnd)
        {
            throw new InvalidYjsUpdateException($"{update.Length - reader.Position} bytes follow the update.");
        }

        if (state is not null && ranges is not null)
        {
            foreach (var (client, start, end) in ranges)
            {
                state.Add(client, start, end);
            }
        }
    }

    /// <summary>Reads an item (after its info byte) and returns its length in clock ticks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong ReadItem(ref Lib0Reader reader, byte info)
    {
        var cantCopyParentInfo = (info & 0xc0) == 0;
        if ((info & 0x80) != 0)
        {
            reader.ReadVarUint();
            reader.ReadVarUint();
        }

        if ((info & 0x40) != 0)
        {
            reader.ReadVarUint();
            reader.ReadVarUint();
        }

        if (cantCopyParentInfo)
        {
            if (reader.ReadVarUint() == 1)
            {
                reader.ReadVarStringBytes();
            }
            else
            {
                reader.ReadVarUint();
                reader.ReadVarUint();
            }

            if ((info & 0x20) != 0)
            {
                reader.ReadVarStringBytes();
            }
        }

        switch (info & 0x1f)
        {
            case 1: // deleted
                return reader.ReadVarUint();
            case 2: // JSON
                {
                    var count = reader.ReadVarUint();
                    for (ulong i = 0; i < count; i++)
                    {
                        var json = reader.ReadVarStringBytes();
                        if (!json.SequenceEqual("undefined"u8))
                        {
                            RequireJson(json);
                        }
                    }

                    return count;
                }

            case 3: // binary
                reader.ReadVarUint8Array();
                return 1;
            case 4: // string: its length is in UTF-16 code units, as JavaScript counts
                return Utf16Length(reader.ReadVarStringBytes());
            case 5: // embed
                RequireJson(reader.ReadVarStringBytes());
                return 1;
            case 6: // format
                reader.ReadVarStringBytes();
                RequireJson(reader.ReadVarStringBytes());
                return 1;
            case 7: // type
                {
                    var typeRef = reader.ReadVarUint();
                    if (typeRef > 6)
                    {
                        throw new InvalidYjsUpdateException($"Unknown shared type {typeRef}.");
                    }

                    if (typeRef is 3 or 5)
                    {
                        reader.ReadVarStringBytes();
                    }

                    return 1;
                }

            case 8: // any
                {
                    var count = reader.ReadVarUint();
                    for (ulong i = 0; i < count; i++)
                    {
                        ReadAny(ref reader, 0);
                    }

                    return count;
                }

            case 9: // sub-document: guid and options (an object)
                reader.ReadVarStringBytes();
                if (reader.ReadUint8() != 118)
                {
                    throw new InvalidYjsUpdateException("A sub-document's options are not an object.");
                }

                ReadAnyObjectBody(ref reader, 0);
                return 1;
            default:
                throw new InvalidYjsUpdateException($"Unknown content kind {info & 0x1f}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadAny(ref Lib0Reader reader, int depth)
    {
        if (depth > MaxAnyDepth)
        {
            throw new InvalidYjsUpdateException($"Values nest deeper than {MaxAnyDepth}.");
        }

        switch (reader.ReadUint8())
        {
            case 127 or 126 or 121 or 120: // undefined, null, false, true
                return;
            case 125:
                reader.ReadVarInt();
                return;
            case 124:
                reader.ReadBytes(4);
                return;
            case 123 or 122:
                reader.ReadBytes(8);
                return;
            case 119:
                reader.ReadVarStringBytes();
                return;
            case 118:
                ReadAnyObjectBody(ref reader, depth);
                return;
            case 117:
                {
                    var count = reader.ReadVarUint();
                    for (ulong i = 0; i < count; i++)
                    {
                        ReadAny(ref reader, depth + 1);
                    }

                    return;
                }

            case 116:
                reader.ReadVarUint8Array();
                return;
            default:
                throw new InvalidYjsUpdateException("Unknown kind of value.");
        }
    }

    private static void ReadAnyObjectBody(ref Lib0Reader reader, int depth)
    {
        var count = reader.ReadVarUint();
        for (ulong i = 0; i < count; i++)
        {
            reader.ReadVarStringBytes();
            ReadAny(ref reader, depth + 1);
        }
    }

    private static void RequireJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var parser = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxAnyDepth });
            while (parser.Read())
            {
            }
        }
        catch (JsonException exception)
        {
            throw new InvalidYjsUpdateException("A JSON value in the update does not parse.", exception);
        }
    }

    /// <summary>How many UTF-16 code units well-formed UTF-8 decodes to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Utf16Length(ReadOnlySpan<byte> utf8)
    {
        ulong units = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xc0) != 0x80)
            {
                units += b >= 0xf0 ? 2UL : 1UL;
            }
        }

        return units;
    }
}
