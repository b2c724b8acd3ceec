using Orleans.Storage;

namespace CoPLive.Communities;

/// <summary>
/// A community's members, stored in <see cref="Buckets"/> rows by a stable hash of the member's id, so that a join,
/// a leave or a role change rewrites one row of about a <see cref="Buckets"/>th of the roster, not the whole of it.
/// All members are in memory while the community's grain is active; the rows are read once, at activation.
/// </summary>
public sealed class CommunityRoster(IGrainStorage storage, string communityId)
{
    /// <summary>Member rows per community. Part of the storage layout: changing it (or <see cref="BucketOf"/>) strands stored members.</summary>
    public const int Buckets = 32;

    private const string BucketGrainType = "coplive-community-members";

    private readonly GrainState<MemberBucketState>[] _rows = [.. Enumerable.Range(0, Buckets).Select(_ => new GrainState<MemberBucketState>(new MemberBucketState()))];
    private readonly Dictionary<string, CommunityMemberState> _members = new(StringComparer.Ordinal);
    private readonly HashSet<int> _changed = [];

    public int Count => _members.Count;

    public IEnumerable<CommunityMemberState> Values => _members.Values;

    public bool HasChanges => _changed.Count > 0;

    public bool ContainsKey(string userId) => _members.ContainsKey(userId);

    public bool TryGetValue(string userId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out CommunityMemberState member) =>
        _members.TryGetValue(userId, out member);

    public CommunityMemberState? GetValueOrDefault(string userId) => _members.GetValueOrDefault(userId);

    /// <summary>Adds or replaces a member; written by the next <see cref="WriteChangesAsync"/>.</summary>
    public void Set(CommunityMemberState member)
    {
        var bucket = BucketOf(member.UserId);
        Row(bucket).Members[member.UserId] = member;
        _members[member.UserId] = member;
        _changed.Add(bucket);
    }

    /// <summary>Marks a member whose record was changed in place (a role) for the next <see cref="WriteChangesAsync"/>.</summary>
    public void Changed(CommunityMemberState member) => _changed.Add(BucketOf(member.UserId));

    public bool Remove(string userId)
    {
        var bucket = BucketOf(userId);
        if (!_members.Remove(userId))
        {
            return false;
        }

        Row(bucket).Members.Remove(userId);
        _changed.Add(bucket);
        return true;
    }

    public async Task LoadAsync()
    {
        _members.Clear();
        _changed.Clear();
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            var row = _rows[bucket];
            await storage.ReadStateAsync(StorageNames.CommunityMemberBucket, RowId(bucket), row);
            row.State ??= new MemberBucketState();
            foreach (var member in Row(bucket).Members.Values)
            {
                _members[member.UserId] = member;
            }
        }
    }

    /// <summary>Writes the rows changed since the last write, and only those.</summary>
    public async Task WriteChangesAsync()
    {
        foreach (var bucket in _changed.Order().ToList())
        {
            await storage.WriteStateAsync(StorageNames.CommunityMemberBucket, RowId(bucket), _rows[bucket]);
            _changed.Remove(bucket);
        }
    }

    /// <summary>FNV-1a over the id's UTF-16 code units: stable across processes and versions, unlike <see cref="string.GetHashCode()"/>.</summary>
    internal static int BucketOf(string userId)
    {
        var hash = 2166136261u;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Buckets);
    }

    private MemberBucketState Row(int bucket) => _rows[bucket].State!;

    private GrainId RowId(int bucket) => GrainId.Create(BucketGrainType, $"{communityId}+{bucket}");
}
