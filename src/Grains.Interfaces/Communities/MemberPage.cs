using System.Collections.Immutable;

namespace CoPLive.Communities;

/// <summary>A page of the member directory, and how many members match the query in all.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberPage")]
public sealed record MemberPage(
    [property: Id(0)] ImmutableArray<CommunityMember> Members,
    [property: Id(1)] int Total);
