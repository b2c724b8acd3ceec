using System.Diagnostics.CodeAnalysis;
using Orleans.Storage;

namespace CoPLive;

/// <summary>
/// Entries of one grain keyed by an id (a member's, say), stored in <paramref name="buckets"/> rows under
/// <paramref name="stateName"/> with the synthetic grain id <c>{rowGrainType}/{ownerId}+{bucket}</c>, each entry in the
/// row its key hashes to. A change rewrites one row of about a <paramref name="buckets"/>th of the entries, not all
/// of them. Every entry is in memory while the grain is active; the rows are read by <see cref="LoadAsync"/>. The
/// bucket count and <see cref="BucketOf"/> are part of the storage layout: changing either strands stored entries.
/// </summary>
public sealed class BucketedRows<T>(IGrainStorage storage, string stateName, string rowGrainType, string ownerId, int buckets)
    where T : class
{
    private readonly GrainState<RowBucketState<T>>[] _rows = [.. Enumerable.Range(0, buckets).Select(_ => new GrainState<RowBucketState<T>>(new RowBucketState<T>()))];
    private readonly Dictionary<string, T> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<int> _changed = [];

    public int Count => _entries.Count;

    public IEnumerable<T> Values => _entries.Values;

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T entry) => _entries.TryGetValue(key, out entry);

    public T? GetValueOrDefault(string key) => _entries.GetValueOrDefault(key);

    /// <summary>Adds or replaces an entry; written by the next <see cref="WriteChangesAsync"/>.</summary>
    public void Set(string key, T entry)
    {
        var bucket = BucketOf(key, buckets);
        Row(bucket)[key] = entry;
        _entries[key] = entry;
        _changed.Add(bucket);
    }

    /// <summary>Marks an entry changed in place for the next <see cref="WriteChangesAsync"/>.</summary>
    public void Changed(string key) => _changed.Add(BucketOf(key, buckets));

    public bool Remove(string key)
    {
        if (!_entries.Remove(key))
        {
            return false;
        }

        var bucket = BucketOf(key, buckets);
        Row(bucket).Remove(key);
        _changed.Add(bucket);
        return true;
    }

    /// <summary>Reads every row (and forgets unwritten changes).</summary>
    public async Task LoadAsync()
    {
        _entries.Clear();
        _changed.Clear();
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            await storage.ReadStateAsync(stateName, RowId(bucket), _rows[bucket]);
            _rows[bucket].State ??= new RowBucketState<T>();
            foreach (var (key, entry) in Row(bucket))
            {
                _entries[key] = entry;
            }
        }
    }

    /// <summary>Writes the rows changed since the last write, and only those.</summary>
    public async Task WriteChangesAsync()
    {
        foreach (var bucket in _changed.Order().ToList())
        {
            await storage.WriteStateAsync(stateName, RowId(bucket), _rows[bucket]);
            _changed.Remove(bucket);
        }
    }

    /// <summary>FNV-1a over the key's UTF-16 code units: stable across processes and versions, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static int BucketOf(string key, int buckets)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)buckets);
    }

    private Dictionary<string, T> Row(int bucket) => _rows[bucket].State!.Entries;

    private GrainId RowId(int bucket) => GrainId.Create(rowGrainType, $"{ownerId}+{bucket}");
}
