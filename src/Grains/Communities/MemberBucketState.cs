namespace CoPLive.Communities;

/// <summary>
/// One of a community's <see cref="CommunityRoster.Buckets"/> member rows (state name
/// <see cref="StorageNames.CommunityMemberBucket"/>): the members whose id hashes to it.
/// </summary>
[GenerateSerializer, Alias("CoPLive.MemberBucketState")]
public sealed class MemberBucketState
{
    [Id(0)] public Dictionary<string, CommunityMemberState> Members { get; set; } = new(StringComparer.Ordinal);
}
